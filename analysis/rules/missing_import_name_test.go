package rules

import "testing"

func TestMissingImportName(t *testing.T) { checkImportRuleGolden(t, "missing-import-name") }
