-- Headless end-to-end test of the pyward Neovim plugin against a real pyward binary.
-- Run through test/run.sh, which sets PYWARD_BIN, PYWARD_FIXTURE and PYWARD_PLUGIN.
local bin = assert(os.getenv('PYWARD_BIN'), 'PYWARD_BIN is not set') -- also on PATH as `pyward`
local fixture = assert(os.getenv('PYWARD_FIXTURE'), 'PYWARD_FIXTURE is not set')
local plugin = assert(os.getenv('PYWARD_PLUGIN'), 'PYWARD_PLUGIN is not set')
local WAIT = tonumber(os.getenv('PYWARD_TEST_WAIT_MS') or '20000')

vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.cmd('filetype on')

local passed, failed = 0, 0

local function out(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

local function finish()
  out(('neovim: %d passed, %d failed'):format(passed, failed))
  -- Stop the clients politely, then leave with the right status.
  local all = vim.lsp.get_clients or vim.lsp.get_active_clients
  for _, c in pairs(all()) do
    if vim.fn.has('nvim-0.11') == 1 then
      c:stop()
    else
      vim.lsp.stop_client(c.id)
    end
  end
  vim.wait(3000, function()
    return next(all()) == nil
  end, 50)
  vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
end

local function check(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    out('PASS ' .. name)
  else
    failed = failed + 1
    out('FAIL ' .. name .. ': ' .. tostring(err))
  end
  return ok
end

local function clients_of(bufnr)
  local out_ = {}
  local all = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(all) do
    if c.name == 'pyward' then
      table.insert(out_, c)
    end
  end
  return out_
end

local function open(rel)
  vim.cmd('edit ' .. vim.fn.fnameescape(fixture .. '/' .. rel))
  return vim.api.nvim_get_current_buf()
end

local function wait_attached(bufnr)
  local ok = vim.wait(WAIT, function()
    local cs = clients_of(bufnr)
    return #cs > 0 and cs[1].initialized == true
  end, 50)
  assert(ok, ('no initialized pyward client attached to %s within %d ms (see the lsp log)'):format(vim.api.nvim_buf_get_name(bufnr), WAIT))
  return clients_of(bufnr)[1]
end

local function codes(diags)
  local c = {}
  for _, d in ipairs(diags) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(c, code)
  end
  return c
end

local function wait_diagnostic(bufnr, code, ms)
  local found = nil
  vim.wait(ms or WAIT, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if c == code then
        found = d
        return true
      end
    end
    return false
  end, 50)
  return found
end

-- 0-based line of the first line containing `needle`, and the 0-based column of `word` on it.
local function position_of(bufnr, needle, word, offset)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, l in ipairs(lines) do
    local s = l:find(needle, 1, true)
    if s then
      local w = l:find(word, s, true)
      assert(w, ('no %q on line %d'):format(word, i - 1))
      return { line = i - 1, character = w - 1 + (offset or 1) }
    end
  end
  error(('fixture has no line containing %q'):format(needle))
end

local function line_of(path, needle)
  local i = 0
  for l in io.lines(path) do
    if l:find(needle, 1, true) then
      return i
    end
    i = i + 1
  end
  error(('%s has no line containing %q'):format(path, needle))
end

local function request(bufnr, method, position)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT)
  assert(responses, ('%s: no answer within %d ms (%s)'):format(method, WAIT, tostring(err)))
  for _, r in pairs(responses) do
    if r.error ~= nil then
      local ok, text = pcall(vim.lsp.rpc.format_rpc_error, r.error)
      error(('%s answered an error: %s %s'):format(method, ok and text or '', vim.inspect(r.error)))
    end
    return r.result
  end
  error(method .. ': no client answered')
end

-- Location | Location[] | LocationLink[] -> { {path=..., line=...}, ... }
local function targets(result)
  if result == nil or result == vim.NIL then
    return {}
  end
  if result.uri or result.targetUri then
    result = { result }
  end
  local t = {}
  for _, l in ipairs(result) do
    local uri = l.targetUri or l.uri
    local range = l.targetSelectionRange or l.targetRange or l.range
    table.insert(t, { path = vim.uri_to_fname(uri), line = range.start.line })
  end
  return t
end

local function same_file(a, b)
  return vim.loop.fs_realpath(a) == vim.loop.fs_realpath(b)
end

local function hover_text(result)
  if result == nil or result == vim.NIL then
    return ''
  end
  local c = result.contents
  local function one(x)
    return type(x) == 'string' and x or (x.value or '')
  end
  if type(c) == 'table' and c.kind == nil and c.value == nil then
    local parts = {}
    for _, x in ipairs(c) do
      table.insert(parts, one(x))
    end
    return table.concat(parts, '\n')
  end
  return one(c)
end

local function run()
  local v = vim.version()
  out(('pyward neovim test: nvim %d.%d.%d, binary %s, fixture %s'):format(v.major, v.minor, v.patch, bin, fixture))
  -- As the README says: the plugin on 'runtimepath', pyward on PATH (run.sh puts it there), setup().
  assert(vim.fn.exepath('pyward') ~= '', 'pyward is not on PATH')
  assert(require('pyward').config({ path = '/x/pyward' }).cmd[1] == '/x/pyward', 'setup({ path = ... }) is not used')
  assert(vim.deep_equal(require('pyward').config({ root_markers = { 'x.toml' } }).root_markers, { 'x.toml' }), 'root_markers are merged, not replaced')
  assert(vim.deep_equal(require('pyward').config({}).settings, { pyward = vim.empty_dict() }), 'default settings')
  -- PYWARD_NVIM_METHOD=start|start_client forces an older code path on a newer Neovim;
  -- PYWARD_NVIM_METHOD=runtime uses only lsp/pyward.lua and vim.lsp.enable (0.11+), without setup().
  local method = os.getenv('PYWARD_NVIM_METHOD')
  if method == '' then
    method = nil
  end
  if method == 'runtime' then
    vim.lsp.enable('pyward')
    out('method: runtime (lsp/pyward.lua)')
  else
    -- missing-await is a warning by default: a check below sees that settings reach the server.
    require('pyward').setup({ settings = { rules = { ['missing-await'] = 'error' } }, method = method })
    out('method: ' .. tostring(require('pyward').method))
  end

  check('find_root: markers upward, else the file\'s folder', function()
    local p = require('pyward')
    local tmp = vim.fn.tempname()
    vim.fn.mkdir(tmp .. '/proj/pkg/sub', 'p')
    vim.fn.mkdir(tmp .. '/loose', 'p')
    vim.fn.writefile({}, tmp .. '/proj/setup.cfg')
    assert(p.find_root(tmp .. '/proj/pkg/sub/m.py') == tmp .. '/proj', p.find_root(tmp .. '/proj/pkg/sub/m.py'))
    assert(p.find_root(fixture .. '/app/main.py') == fixture, p.find_root(fixture .. '/app/main.py'))
    -- /tmp itself has no markers, but a parent of the temp dir might: only check when none is found.
    local r = p.find_root(tmp .. '/loose/x.py')
    assert(r == tmp .. '/loose' or not vim.startswith(r, tmp), 'loose file rooted at ' .. r)
    vim.fn.delete(tmp, 'rf')
  end)

  local broken, main, models
  local client
  if not check('client attaches to app/broken.py with root ' .. fixture, function()
    broken = open('app/broken.py')
    client = wait_attached(broken)
    assert(same_file(client.config.root_dir, fixture), 'root_dir is ' .. tostring(client.config.root_dir))
  end) then
    return
  end

  check('diagnostics on app/broken.py include syntax-error', function()
    local d = wait_diagnostic(broken, 'syntax-error')
    assert(d, ('no syntax-error within %d ms; vim.diagnostic.get gave %s'):format(WAIT, vim.inspect(vim.diagnostic.get(broken))))
    assert(d.source == 'pyward', 'source is ' .. tostring(d.source))
    assert(d.severity == vim.diagnostic.severity.ERROR, 'severity is ' .. tostring(d.severity))
  end)

  check('app/main.py attaches to the same client', function()
    main = open('app/main.py')
    local c = wait_attached(main)
    assert(c.id == client.id, ('a second client (%d) was started for the same root'):format(c.id))
  end)

  check('definition of `models` in `from . import models` is app/models.py', function()
    local t = targets(request(main, 'textDocument/definition', position_of(main, 'from . import models', 'models')))
    assert(#t > 0, 'no definition')
    assert(same_file(t[1].path, fixture .. '/app/models.py'), 'definition went to ' .. t[1].path)
  end)

  check('definition of `Model` in `from .models import Model` is the `class Model` line', function()
    local t = targets(request(main, 'textDocument/definition', position_of(main, 'from .models import Model', 'Model', 2)))
    assert(#t > 0, 'no definition')
    assert(same_file(t[1].path, fixture .. '/app/models.py'), 'definition went to ' .. t[1].path)
    local want = line_of(fixture .. '/app/models.py', 'class Model')
    assert(t[1].line == want, ('definition on line %d, `class Model` is on line %d'):format(t[1].line, want))
  end)

  check('hover on `__str__` in app/models.py explains str()', function()
    models = open('app/models.py')
    wait_attached(models)
    local text = hover_text(request(models, 'textDocument/hover', position_of(models, 'def __str__', '__str__', 3)))
    assert(text:find('__str__', 1, true), 'hover does not mention __str__: ' .. vim.inspect(text))
    assert(text:find('str(', 1, true), 'hover does not say Python calls it for str(x): ' .. vim.inspect(text))
  end)

  check('vim.lsp.buf.definition() jumps from `models` to app/models.py, as a user would with gd', function()
    vim.api.nvim_set_current_buf(main)
    local pos = position_of(main, 'from . import models', 'models')
    vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character })
    vim.lsp.buf.definition()
    local ok = vim.wait(WAIT, function()
      return same_file(vim.api.nvim_buf_get_name(0), fixture .. '/app/models.py')
    end, 50)
    assert(ok, 'still in ' .. vim.api.nvim_buf_get_name(0))
  end)

  check('vim.lsp.buf.hover() on `__str__` opens a float explaining it, as a user would with K', function()
    vim.api.nvim_set_current_buf(models)
    local pos = position_of(models, 'def __str__', '__str__', 3)
    vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character })
    vim.lsp.buf.hover()
    local text = ''
    local ok = vim.wait(WAIT, function()
      for _, w in ipairs(vim.api.nvim_list_wins()) do
        if vim.api.nvim_win_get_config(w).relative ~= '' then
          text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
          if text:find('__str__', 1, true) then
            return true
          end
        end
      end
      return false
    end, 50)
    assert(ok, 'no hover window mentioning __str__; last float text: ' .. vim.inspect(text))
    assert(text:find('str(', 1, true), 'the hover window does not mention str(x): ' .. vim.inspect(text))
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        vim.api.nvim_win_close(w, true)
      end
    end
  end)

  check(':PywardRestart starts a new client for the open buffers', function()
    local before = client.id
    vim.cmd('PywardRestart')
    local ok = vim.wait(WAIT, function()
      local cs = clients_of(main)
      return #cs > 0 and cs[1].id ~= before and cs[1].initialized == true
    end, 50)
    assert(ok, 'no new initialized client after :PywardRestart')
    client = clients_of(main)[1]
    if #clients_of(broken) == 0 then
      local all = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
      error(('app/broken.py lost its client; clients: %s'):format(vim.inspect(vim.tbl_map(function(c)
        return { c.id, vim.tbl_keys(c.attached_buffers or {}) }
      end, all))))
    end
  end)

  check('missing-await in app/main.py' .. (method ~= 'runtime' and ', raised to error by the settings' or ''), function()
    local d = wait_diagnostic(main, 'missing-await')
    assert(d, 'no missing-await; got ' .. vim.inspect(codes(vim.diagnostic.get(main))))
    if method ~= 'runtime' then
      assert(d.severity == vim.diagnostic.severity.ERROR, 'settings did not reach the server: severity ' .. tostring(d.severity))
    end
  end)

  check('mangled-attribute-access in app/main.py', function()
    local d = wait_diagnostic(main, 'mangled-attribute-access')
    assert(d, 'no mangled-attribute-access; got ' .. vim.inspect(codes(vim.diagnostic.get(main))))
  end)

  check('completion after `models.` lists the bindings of app/models.py', function()
    local res = request(main, 'textDocument/completion', position_of(main, 'models.fetch()', 'models.', #'models.'))
    local items = res and (res.items or res) or {}
    local labels = {}
    for _, it in ipairs(items) do
      labels[it.label] = true
    end
    assert(labels.fetch and labels.Model, 'completion gave ' .. vim.inspect(vim.tbl_keys(labels)))
  end)

  check('syntax-error gone after fixing the line (incremental sync)', function()
    vim.api.nvim_set_current_buf(broken)
    local p = position_of(broken, 'def f(:', 'f(', 2)
    vim.api.nvim_buf_set_text(broken, p.line, p.character, p.line, p.character, { ')' })
    local gone = vim.wait(WAIT, function()
      return wait_diagnostic(broken, 'syntax-error', 1) == nil
    end, 100)
    assert(gone, 'syntax-error still there: ' .. vim.inspect(codes(vim.diagnostic.get(broken))))
  end)
  vim.cmd('silent! edit!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = xpcall(run, debug.traceback)
      if not ok then
        failed = failed + 1
        out('FAIL test harness: ' .. tostring(err))
      end
      finish()
    end)
  end,
})
