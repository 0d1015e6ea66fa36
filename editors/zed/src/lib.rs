//! Zed extension for pyward: starts `pyward serve` for Python and hands it the user's settings.
//!
//! settings.json:
//!   "lsp": { "pyward": { "binary": { "path": "/path/to/pyward" },
//!                        "initialization_options": { ... }, "settings": { ... } } }
//! `settings` is the server's `pyward` section; it answers workspace/configuration for section "pyward".
use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

struct Pyward;

impl zed::Extension for Pyward {
    fn new() -> Self {
        Pyward
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.binary);
        let path = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("pyward"))
            .ok_or_else(|| {
                "pyward was not found on PATH: build it from a clone of pyward with `go install ./cmd/pyward`, \
                 or set lsp.pyward.binary.path in settings.json"
                    .to_string()
            })?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["serve".to_string()]);
        Ok(zed::Command {
            command: path,
            args,
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let s = LspSettings::for_worktree(id.as_ref(), worktree).ok();
        Ok(s.and_then(|s| s.initialization_options.or(s.settings)))
    }

    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let section = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.settings)
            .unwrap_or_else(|| serde_json::json!({}));
        Ok(Some(serde_json::json!({ "pyward": section })))
    }
}

zed::register_extension!(Pyward);
