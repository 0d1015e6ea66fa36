package rules

import "testing"

func TestStarImportPrivateFixtures(t *testing.T) {
	runFixtures(t, "star-import-private", underscoreRules...)
}
