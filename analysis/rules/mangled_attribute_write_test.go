package rules

import "testing"

func TestMangledAttributeWriteFixtures(t *testing.T) {
	runFixtures(t, "mangled-attribute-write")
}
