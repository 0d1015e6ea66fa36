-- Headless test: a file explorer's rename through workspace/willRenameFiles (what
-- nvim-tree, oil.nvim and neo-tree send), with the edit applied by Neovim itself.
-- Run through test/rename.sh, which sets PYWARD_PLUGIN and puts pyward on PATH.
local plugin = assert(os.getenv('PYWARD_PLUGIN'), 'PYWARD_PLUGIN is not set')
local dir = assert(os.getenv('PYWARD_RENAME_DIR'), 'PYWARD_RENAME_DIR is not set')
local WAIT = tonumber(os.getenv('PYWARD_TEST_WAIT_MS') or '20000')

vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.cmd('filetype on')

local function out(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

local function write(rel, text)
  vim.fn.mkdir(vim.fn.fnamemodify(dir .. '/' .. rel, ':h'), 'p')
  local f = assert(io.open(dir .. '/' .. rel, 'w'))
  f:write(text)
  f:close()
end

local function read(rel)
  local f = assert(io.open(dir .. '/' .. rel, 'r'))
  local s = f:read('*a')
  f:close()
  return s
end

-- A small project: pkg/util.py (with its stub) is renamed to pkg/helpers.py.
write('pyproject.toml', '[project]\nname = "demo"\n')
write('pkg/__init__.py', 'from . import util\n')
write('pkg/util.py', 'def helper():\n    return 42\n')
write('pkg/util.pyi', 'def helper() -> int: ...\n')
write('main.py', 'import pkg.util\nfrom pkg.util import helper\nfrom pkg import util as u\n\nRESULT = (pkg.util.helper(), helper(), u.helper())\n')

local ok, err = xpcall(function()
  require('pyward').setup({})
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/main.py'))
  local buf = vim.api.nvim_get_current_buf()
  local client
  assert(vim.wait(WAIT, function()
    local all = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
    for _, c in pairs(all) do
      if c.name == 'pyward' and c.initialized then
        client = c
      end
    end
    return client ~= nil
  end, 50), 'no pyward client attached')

  local caps = client.server_capabilities or client.resolved_capabilities
  local fo = caps and caps.workspace and caps.workspace.fileOperations
  assert(fo and fo.willRename and fo.didRename, 'pyward does not announce fileOperations.willRename/didRename')

  local old, new = dir .. '/pkg/util.py', dir .. '/pkg/helpers.py'
  local params = { files = { { oldUri = vim.uri_from_fname(old), newUri = vim.uri_from_fname(new) } } }
  local resp = client.request_sync('workspace/willRenameFiles', params, WAIT, buf)
  assert(resp and not resp.err and type(resp.result) == 'table', 'willRenameFiles: ' .. vim.inspect(resp))
  -- What a file explorer does: apply the edit (it renames the stub too), save, move, tell the server.
  vim.lsp.util.apply_workspace_edit(resp.result, client.offset_encoding or 'utf-16')
  vim.cmd('silent wall')
  assert(os.rename(old, new))
  client.notify('workspace/didRenameFiles', params)

  local want = 'import pkg.helpers\nfrom pkg.helpers import helper\nfrom pkg import helpers as u\n\nRESULT = (pkg.helpers.helper(), helper(), u.helper())\n'
  assert(read('main.py') == want, 'main.py after the rename:\n' .. read('main.py'))
  assert(read('pkg/__init__.py') == 'from . import helpers as util\n', 'pkg/__init__.py after the rename:\n' .. read('pkg/__init__.py'))
  assert(vim.fn.filereadable(dir .. '/pkg/helpers.pyi') == 1 and vim.fn.filereadable(dir .. '/pkg/util.pyi') == 0, 'the stub did not move with its source')
  -- CPython agrees: the moved project still imports and computes the same.
  local res = vim.fn.system({ 'python3', '-c', 'import sys; sys.path.insert(0, sys.argv[1]); import main; print(main.RESULT)', dir })
  assert(vim.v.shell_error == 0 and vim.trim(res) == '(42, 42, 42)', 'python3: ' .. res)
end, debug.traceback)

if ok then
  out('PASS rename through workspace/willRenameFiles')
else
  out('FAIL rename through workspace/willRenameFiles: ' .. tostring(err))
end
local all = vim.lsp.get_clients or vim.lsp.get_active_clients
for _, c in pairs(all()) do
  c.stop()
end
vim.wait(3000, function()
  return next(all()) == nil
end, 50)
vim.cmd(ok and 'qall!' or 'cquit! 1')
