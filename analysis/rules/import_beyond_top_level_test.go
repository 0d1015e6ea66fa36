package rules

import "testing"

func TestImportBeyondTopLevel(t *testing.T) { checkImportRuleGolden(t, "import-beyond-top-level") }
