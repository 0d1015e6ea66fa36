package analysis

// Location is a place in a file that a feature points to (a definition, a module).
type Location struct {
	// Path is the file's path as the user would spell it (through symlinks, not the realpath).
	Path string
	// Span is the byte span in that file; empty at 0 for "the file itself".
	Span Span
	// Lines converts Span to positions; nil when Span is the start of the file.
	Lines *LineIndex
}

// Hover is the text shown for a hover, in both renderings, and the span it describes.
type Hover struct {
	Markdown string
	Plain    string
	Span     Span
}

// CompletionItem is one completion proposal.
type CompletionItem struct {
	Label  string
	Detail string
	// Kind is "module", "package" or "name".
	Kind string
	// Replace is the span the label replaces (the partial word already typed).
	Replace Span
}
