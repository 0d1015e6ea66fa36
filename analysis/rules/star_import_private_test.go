package rules

import "testing"

func TestStarImportPrivateFixtures(t *testing.T) {
	runFixtures(t, "star-import-private", underscoreRules...)
}

// TestStarImportPrivateMessages checks that the message says why the star import
// leaves the name out: an underscore name unless __all__ lists it, a public name
// that __all__ does not list.
func TestStarImportPrivateMessages(t *testing.T) {
	results := runFixtures(t, "star-import-private", underscoreRules...)
	for _, tc := range []struct{ name, want string }{
		{"all_leaves_out/", "'_hidden' is not brought in by 'from lib import *': a star import skips names starting with an underscore unless __all__ lists them; this raises NameError"},
		{"all_leaves_out_public/", "'helper' is not brought in by 'from lib import *': the module defines it, but its __all__ does not list it, and a star import brings only what __all__ lists; this raises NameError"},
	} {
		res, ok := results[tc.name]
		if !ok {
			t.Fatalf("no case %s", tc.name)
		}
		var msgs []string
		for _, d := range res.Diags["main.py"] {
			if d.Rule == "star-import-private" {
				msgs = append(msgs, d.Message)
			}
		}
		if len(msgs) != 1 || msgs[0] != tc.want {
			t.Errorf("%s: messages %q, want [%q]", tc.name, msgs, tc.want)
		}
	}
}
