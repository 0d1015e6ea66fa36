-- pyward for Neovim: starts the pyward language server for Python buffers.
--
--   require('pyward').setup({
--     cmd = { 'pyward', 'serve' },               -- or path = '/path/to/pyward'
--     settings = { rules = { ['missing-await'] = 'error' } },  -- the server's `pyward` section
--   })
--
-- Neovim 0.11+: vim.lsp.config + vim.lsp.enable.  0.8-0.10: vim.lsp.start from a FileType autocmd.
-- 0.7: vim.lsp.start_client + vim.lsp.buf_attach_client, one client per root.
local M = {}

M.name = 'pyward'
M.root_markers = { 'pyproject.toml', 'setup.py', 'setup.cfg', '.git' }

local defaults = {
  cmd = nil, -- default: { path or 'pyward', 'serve' }
  path = nil, -- the pyward executable; 'pyward' on PATH when nil
  filetypes = { 'python' },
  root_markers = M.root_markers,
  settings = nil, -- the `pyward` section: rules, extraPaths, pythonPath, privateAccess, notebook, log
  init_options = nil, -- default: the same table as settings
  capabilities = nil,
  on_attach = nil,
  on_init = nil,
  handlers = nil,
  autostart = true,
  method = nil, -- force 'config' (0.11+), 'start' (0.8+) or 'start_client' (0.7+); detected when nil
}

-- Options are merged shallowly: a list given by the user (cmd, filetypes, root_markers) replaces the default
-- whole, and `settings` is the user's table as it is.
M.options = nil
local clients_by_root = {} -- 0.7 path: root_dir -> client id
local warned_missing = false

local uv = vim.loop or vim.uv

local function is_dir(p)
  local st = p and uv.fs_stat(p)
  return st ~= nil and st.type == 'directory'
end

local function exists(p)
  return uv.fs_stat(p) ~= nil
end

local function dirname(p)
  if p == '/' then
    return nil
  end
  local d = p:match('^(.*)/[^/]*$')
  if d == nil then
    return nil
  end
  if d == '' then
    return '/'
  end
  return d
end

local function join(a, b)
  if a:sub(-1) == '/' then
    return a .. b
  end
  return a .. '/' .. b
end

--- The project root for a path: the nearest folder upward holding one of the markers
--- (pyproject.toml, setup.py, setup.cfg, .git), else the file's own folder.
function M.find_root(path, markers)
  markers = markers or (M.options and M.options.root_markers) or M.root_markers
  if path == nil or path == '' then
    return uv.cwd()
  end
  path = vim.fn.fnamemodify(path, ':p')
  local start = is_dir(path) and path:gsub('/$', '') or dirname(path)
  local dir = start
  while dir do
    for _, m in ipairs(markers) do
      if exists(join(dir, m)) then
        return dir
      end
    end
    dir = dirname(dir)
  end
  return start or uv.cwd()
end

local function root_for_buf(bufnr)
  return M.find_root(vim.api.nvim_buf_get_name(bufnr))
end

local function settings_section(opts)
  local s = opts.settings
  if s == nil or next(s) == nil then
    return vim.empty_dict()
  end
  return s
end

--- The client configuration shared by every Neovim version.
function M.config(opts)
  opts = vim.tbl_extend('force', {}, defaults, opts or {})
  local section = settings_section(opts)
  local cfg = {
    name = M.name,
    cmd = opts.cmd or { opts.path or 'pyward', 'serve' },
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    settings = { pyward = section },
    init_options = opts.init_options or section,
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
    on_init = opts.on_init,
    handlers = opts.handlers,
  }
  return cfg
end

local function check_executable(cmd)
  if vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    vim.notify(
      ("pyward: executable '%s' not found. Build it from a clone of the repository with `go install ./cmd/pyward` "
        .. "(and put $(go env GOPATH)/bin on PATH), or pass `path = '/path/to/pyward'` to require('pyward').setup()."):format(cmd[1]),
      vim.log.levels.ERROR
    )
  end
  return false
end

local function detect_method()
  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil and vim.fn.has('nvim-0.11') == 1 then
    return 'config'
  end
  if vim.lsp.start ~= nil then
    return 'start'
  end
  return 'start_client'
end

local function is_python_buf(bufnr, filetypes)
  return vim.tbl_contains(filetypes, vim.bo[bufnr].filetype) and vim.bo[bufnr].buftype == ''
end

--- Starts (or reuses) the client for one buffer; used on Neovim 0.7-0.10.
function M.attach(bufnr)
  local opts = M.options or vim.tbl_extend('force', {}, defaults)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local cfg = M.config(opts)
  if not check_executable(cfg.cmd) then
    return nil
  end
  local root = root_for_buf(bufnr)
  cfg.root_dir = root
  cfg.filetypes = nil
  cfg.root_markers = nil
  local method = opts.method or detect_method()
  if method == 'start' then
    cfg.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
    return vim.lsp.start(cfg, { bufnr = bufnr })
  end
  -- Neovim 0.7: one client per root, attached by hand.
  local id = clients_by_root[root]
  local existing = id and vim.lsp.get_client_by_id(id) -- also finds a client still initializing
  -- `is_stopped` is a closure on 0.7 and a method later: calling it with the client works for both.
  if existing == nil or existing.is_stopped(existing) then
    cfg.on_exit = function(_, _, client_id)
      if clients_by_root[root] == client_id then
        clients_by_root[root] = nil
      end
    end
    id = vim.lsp.start_client(cfg)
    if id == nil then
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- setup(opts): configure and enable pyward for Python buffers. See the top of this file and README.md.
function M.setup(opts)
  M.options = vim.tbl_extend('force', {}, defaults, opts or {})
  local method = M.options.method or detect_method()
  M.method = method

  if method == 'config' then
    local cfg = M.config(M.options)
    cfg.name = nil
    cfg.root_dir = function(bufnr, on_dir)
      on_dir(root_for_buf(bufnr))
    end
    cfg.root_markers = nil
    vim.lsp.config(M.name, cfg)
    if M.options.autostart then
      if check_executable(cfg.cmd) then
        vim.lsp.enable(M.name)
      end
    end
    return M
  end

  local group = vim.api.nvim_create_augroup('pyward', { clear = true })
  if M.options.autostart then
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.options.filetypes,
      callback = function(args)
        if is_python_buf(args.buf, M.options.filetypes) then
          M.attach(args.buf)
        end
      end,
      desc = 'pyward: start the language server for Python buffers',
    })
    -- Buffers that were already open when setup() ran.
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and is_python_buf(bufnr, M.options.filetypes) then
        M.attach(bufnr)
      end
    end
  end
  return M
end

--- The running pyward clients.
function M.clients()
  local out = {}
  local all = vim.lsp.get_clients and vim.lsp.get_clients({ name = M.name }) or vim.lsp.get_active_clients()
  for _, c in pairs(all) do
    if c.name == M.name then
      table.insert(out, c)
    end
  end
  return out
end

--- Stops every pyward client and starts them again for the open Python buffers.
function M.restart()
  local bufs = {}
  for _, c in ipairs(M.clients()) do
    for bufnr, _ in pairs(c.attached_buffers or {}) do
      table.insert(bufs, bufnr)
    end
    if vim.fn.has('nvim-0.11') == 1 then
      c:stop()
    else
      vim.lsp.stop_client(c.id)
    end
  end
  clients_by_root = {}
  vim.defer_fn(function()
    if (M.method or detect_method()) == 'config' then
      for _, bufnr in ipairs(bufs) do
        if vim.api.nvim_buf_is_valid(bufnr) then
          vim.api.nvim_exec_autocmds('FileType', { buffer = bufnr })
        end
      end
    else
      for _, bufnr in ipairs(bufs) do
        if vim.api.nvim_buf_is_valid(bufnr) then
          M.attach(bufnr)
        end
      end
    end
  end, 500)
end

if vim.api.nvim_create_user_command then
  vim.api.nvim_create_user_command('PywardRestart', function()
    M.restart()
  end, { desc = 'Restart the pyward language server' })
end

return M
