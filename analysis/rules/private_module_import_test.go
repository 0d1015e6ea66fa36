package rules

import "testing"

func TestPrivateModuleImportFixtures(t *testing.T) {
	runFixtures(t, "private-module-import", underscoreRules...)
}
