package rules

import "testing"

func TestHasCellMarkers(t *testing.T) {
	cases := map[string]bool{
		"# %%\nawait x\n":            true,
		"x = 1\n    # %% indented\n": true,
		"#%% tight\n":                true,
		"x = 1\n#%%\n":               true,
		"x = '%%'\n":                 false,
		"# a comment %%\n":           false,
		" #%% indented tight\n":      false,
		"":                           false,
		"%%":                         false,
	}
	for src, want := range cases {
		if got := hasCellMarkers([]byte(src)); got != want {
			t.Errorf("hasCellMarkers(%q) = %v, want %v", src, got, want)
		}
	}
}
