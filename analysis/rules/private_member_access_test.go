package rules

import "testing"

func TestPrivateMemberAccessFixtures(t *testing.T) {
	runFixtures(t, "private-member-access", underscoreRules...)
}
