package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is a subcommand's flag set. Flags may come before or after the positional
// arguments (as in ruff and mypy); "--" ends the flags. An unknown flag is an error
// with a "did you mean", and --help prints every flag with its default.
type command struct {
	fs       *flag.FlagSet
	name     string // "check", "serve"
	synopsis string // the usage line after "usage: "
	about    string // a paragraph under the usage line
	notes    string // printed after the flags
	// shown overrides the default printed for a flag (for defaults that are not a
	// literal value, such as "stderr").
	shown map[string]string
}

func newCommand(name, synopsis, about string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &command{fs: fs, name: name, synopsis: synopsis, about: about, shown: map[string]string{}}
}

// parse parses args and returns the positional arguments. ok is false when the
// command should exit with code: 0 after --help, 2 after a usage error (reported on
// stderr).
func (c *command) parse(args []string, stdout, stderr io.Writer) (positional []string, code int, ok bool) {
	rest := args
	for {
		err := c.fs.Parse(rest)
		if errors.Is(err, flag.ErrHelp) {
			c.help(stdout)
			return nil, 0, false
		}
		if err != nil {
			c.usageError(stderr, err)
			return nil, 2, false
		}
		left := c.fs.Args()
		if consumed := len(rest) - len(left); consumed > 0 && rest[consumed-1] == "--" {
			return append(positional, left...), 0, true
		}
		if len(left) == 0 {
			return positional, 0, true
		}
		positional = append(positional, left[0])
		rest = left[1:]
	}
}

// usageError reports a flag error the way ruff does: what is wrong, a likely fix,
// where to read more.
func (c *command) usageError(stderr io.Writer, err error) {
	msg := err.Error()
	if name, found := strings.CutPrefix(msg, "flag provided but not defined: "); found {
		name = strings.TrimLeft(name, "-")
		msg = fmt.Sprintf("unknown flag --%s", name)
		if near := closest(name, c.flagNames()); near != "" {
			msg += fmt.Sprintf(" (did you mean --%s?)", near)
		} else if other := otherCommandWith(c.name, name); other != "" {
			msg += fmt.Sprintf(" (it is a flag of 'pyward %s')", other)
		}
	} else {
		msg = strings.Replace(msg, " -", " --", 1)
	}
	fmt.Fprintf(stderr, "pyward %s: %s\nRun 'pyward %s --help' to see every flag.\n", c.name, msg, c.name)
}

func (c *command) flagNames() []string {
	var names []string
	c.fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// help prints the usage line, the paragraph and every flag with its default.
func (c *command) help(w io.Writer) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n\nflags:\n", c.synopsis, c.about)
	c.printFlags(w)
	if c.notes != "" {
		fmt.Fprintf(w, "\n%s\n", c.notes)
	}
}

func (c *command) printFlags(w io.Writer) {
	type row struct{ left, usage, def string }
	var rows []row
	width := 0
	c.fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if arg != "" {
			left += " " + strings.ToUpper(arg)
		}
		def, ok := c.shown[f.Name]
		if !ok {
			def = f.DefValue
		}
		rows = append(rows, row{left, usage, def})
		width = max(width, len(left))
	})
	for _, r := range rows {
		// "(default: x" stays on one line (\x00 is a space wrap does not break at).
		text := strings.Join(strings.Fields(r.usage), " ") + " (default:\x00" + r.def + ")"
		lines := wrap(text, max(40, helpWidth-width-4))
		for i, l := range lines {
			left := ""
			if i == 0 {
				left = r.left
			}
			fmt.Fprintf(w, "  %-*s  %s\n", width, left, strings.ReplaceAll(l, "\x00", " "))
		}
	}
}

// helpWidth is the width help text is wrapped to.
const helpWidth = 100

// wrap breaks text into lines of at most width bytes, at spaces (a longer word stays
// whole on its own line).
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return append(lines, line)
}

// stringList is a repeatable, comma-separated flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}
