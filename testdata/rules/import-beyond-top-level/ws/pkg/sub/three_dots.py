from ...elsewhere import thing  # expect: import-beyond-top-level
