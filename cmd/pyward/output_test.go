package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoTree has findings with and without quick fixes, in a path that needs escaping.
func demoTree(t *testing.T) string {
	return writeTree(t, map[string]string{
		"pyproject.toml":  "[project]\nname = \"demo\"\n",
		"pkg/__init__.py": "",
		"pkg/my mod.py": `import asyncio


async def fetch():
    return 1


async def main():
    fetch()
    asyncio.create_task(fetch())


class Order:
    def __init__(self):
        self.__total = 1


def total(o: Order):
    return o.__total


asyncio.run(main)
`,
	})
}

// TestSARIF checks the SARIF 2.1.0 log against the properties the specification
// requires (version, runs, tool.driver.name, each result's message) and those code
// scanning reads (rule ids and indexes, help links, locations, regions, fixes).
func TestSARIF(t *testing.T) {
	docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	root := demoTree(t)
	stdout, stderr, status := runIn(t, root, "check", "--python", "-", "--format", "sarif", ".")
	if status != 1 {
		t.Fatalf("status %d, want 1; stderr %s", status, stderr)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name           string `json:"name"`
					Version        string `json:"version"`
					InformationURI string `json:"informationUri"`
					Rules          []struct {
						ID      string `json:"id"`
						Name    string `json:"name"`
						HelpURI string `json:"helpUri"`
						Help    struct {
							Text string `json:"text"`
						} `json:"help"`
						ShortDescription struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			ColumnKind         string                          `json:"columnKind"`
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region sarifRegion `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fixes []struct {
					Description struct {
						Text string `json:"text"`
					} `json:"description"`
					ArtifactChanges []struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Replacements []struct {
							DeletedRegion   sarifRegion `json:"deletedRegion"`
							InsertedContent struct {
								Text string `json:"text"`
							} `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("SARIF output: %v\n%s", err, stdout)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "pyward" || d.Version == "" || len(d.Rules) == 0 {
		t.Fatalf("driver %+v", d)
	}
	if run.ColumnKind != "unicodeCodePoints" || !strings.HasPrefix(run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file:///") {
		t.Errorf("columnKind %q, originalUriBaseIds %+v", run.ColumnKind, run.OriginalURIBaseIDs)
	}
	for _, r := range d.Rules {
		if r.HelpURI != rulesDoc+"#"+r.ID || !strings.Contains(string(docs), "\n## "+r.ID+"\n") {
			t.Errorf("rule %s: helpUri %q does not lead to its section of docs/rules.md", r.ID, r.HelpURI)
		}
		if r.ShortDescription.Text == "" || r.DefaultConfiguration.Level == "" {
			t.Errorf("rule %s: no description or default level", r.ID)
		}
	}
	if len(run.Results) < 4 {
		t.Fatalf("%d results, want the demo's 4 or more", len(run.Results))
	}
	fixes := 0
	for _, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(d.Rules) || d.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s: ruleIndex %d does not name its rule", r.RuleID, r.RuleIndex)
		}
		if r.Message.Text == "" || len(r.Locations) != 1 {
			t.Errorf("result %s: message %q, %d locations", r.RuleID, r.Message.Text, len(r.Locations))
			continue
		}
		switch r.Level {
		case "error", "warning", "note":
		default:
			t.Errorf("result %s: level %q", r.RuleID, r.Level)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "pkg/my%20mod.py" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %s: artifact %+v", r.RuleID, loc.ArtifactLocation)
		}
		loc.Region.valid(t, r.RuleID)
		for _, f := range r.Fixes {
			fixes++
			if f.Description.Text == "" || len(f.ArtifactChanges) != 1 || len(f.ArtifactChanges[0].Replacements) == 0 {
				t.Errorf("result %s: fix %+v", r.RuleID, f)
				continue
			}
			for _, rep := range f.ArtifactChanges[0].Replacements {
				rep.DeletedRegion.valid(t, r.RuleID+" fix")
			}
		}
	}
	if fixes == 0 {
		t.Error("no result carries its quick fixes")
	}
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

func (r sarifRegion) valid(t *testing.T, what string) {
	t.Helper()
	if r.StartLine < 1 || r.StartColumn < 1 || r.EndLine < r.StartLine || (r.EndLine == r.StartLine && r.EndColumn < r.StartColumn) {
		t.Errorf("%s: region %+v", what, r)
	}
}

// TestGitHubAndStatistics: workflow commands with escaped properties; counts per rule.
func TestGitHubAndStatistics(t *testing.T) {
	root := demoTree(t)
	stdout, _, status := runIn(t, root, "check", "--python", "-", "--format", "github", ".")
	if status != 1 {
		t.Fatalf("status %d", status)
	}
	want := "::warning file=pkg/my mod.py,line=9,col=5,endLine=9,endColumn=12,title=pyward missing-await::"
	if !strings.Contains(stdout, want) {
		t.Errorf("github output lacks %q:\n%s", want, stdout)
	}
	if got := ghProperty("a:b,c%\n"); got != "a%3Ab%2Cc%25%0A" {
		t.Errorf("ghProperty = %q", got)
	}
	stdout, _, status = runIn(t, root, "check", "--python", "-", "--statistics", ".")
	if status != 1 || !strings.Contains(stdout, "missing-await") || !strings.Contains(stdout, "     1  ") {
		t.Errorf("--statistics: status %d\n%s", status, stdout)
	}
	stdout, _, _ = runIn(t, root, "check", "--python", "-", "--statistics", "--format", "json", ".")
	var counts []ruleCount
	if err := json.Unmarshal([]byte(stdout), &counts); err != nil || len(counts) == 0 || counts[0].Count < 1 {
		t.Errorf("--statistics --format json: %v %+v", err, counts)
	}
}
