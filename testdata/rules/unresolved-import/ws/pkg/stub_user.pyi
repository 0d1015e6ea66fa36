from .stub_only import typed
