package analysis

import (
	"strings"
	"testing"
)

// TestMayHoldSuppression checks the pre-filter Build runs on every comment: it never
// turns away a comment ParseSuppression reads as a suppression, in any letter case.
func TestMayHoldSuppression(t *testing.T) {
	bases := []string{
		"# pyward: ignore", "# pyward: ignore[missing-await]", "# noqa", "#noqa", "# noqa: SLF001, E501",
		"# type: ignore  # noqa", "# x = 1  # pyward: ignore", "# nothing to see", "# TODO: later", "# é noqa",
	}
	for _, base := range bases {
		for _, c := range []string{base, strings.ToUpper(base), alternateCase(base)} {
			_, found := ParseSuppression(c)
			if found && !mayHoldSuppression([]byte(c)) {
				t.Errorf("%q is a suppression, but the pre-filter turns it away", c)
			}
		}
	}
	for _, c := range []string{"# a plain remark", "# ignore this", "# PYWARD IGNORE"} {
		if mayHoldSuppression([]byte(c)) {
			t.Errorf("%q has no colon and no q, yet passes the pre-filter", c)
		}
	}
}

// alternateCase upper-cases every other letter: "noqa" gives "NoQa".
func alternateCase(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i += 2 {
		if 'a' <= b[i] && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
