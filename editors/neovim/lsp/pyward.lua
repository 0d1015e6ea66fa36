-- Neovim 0.11+ runtime config: with this plugin on 'runtimepath', `vim.lsp.enable('pyward')` is enough.
-- Override any field with vim.lsp.config('pyward', { settings = { pyward = { ... } } }).
return {
  cmd = { 'pyward', 'serve' },
  filetypes = { 'python' },
  -- The nearest folder with pyproject.toml, setup.py, setup.cfg or .git; else the file's own folder.
  root_markers = { 'pyproject.toml', 'setup.py', 'setup.cfg', '.git' },
  root_dir = function(bufnr, on_dir)
    on_dir(require('pyward').find_root(vim.api.nvim_buf_get_name(bufnr)))
  end,
  settings = { pyward = vim.empty_dict() },
}
