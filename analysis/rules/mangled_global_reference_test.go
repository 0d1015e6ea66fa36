package rules

import "testing"

func TestMangledGlobalReferenceFixtures(t *testing.T) {
	runFixtures(t, "mangled-global-reference", underscoreRules...)
}
