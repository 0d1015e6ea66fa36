package rules

import "testing"

func TestMangledAttributeAccessFixtures(t *testing.T) {
	runFixtures(t, "mangled-attribute-access", underscoreRules...)
}
