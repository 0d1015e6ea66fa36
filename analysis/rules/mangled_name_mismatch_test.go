package rules

import "testing"

func TestMangledNameMismatchFixtures(t *testing.T) {
	runFixtures(t, "mangled-name-mismatch", underscoreRules...)
}
