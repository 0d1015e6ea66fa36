package syntax

// PointAt returns the tree-sitter point (row, byte column) of a byte offset in src.
// Rows end at "\n"; offsets past the end clamp to the end.
func PointAt(src []byte, offset int) Point {
	if offset > len(src) {
		offset = len(src)
	}
	var row, col uint32
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			row++
			col = 0
		} else {
			col++
		}
	}
	return Point{Row: row, Column: col}
}
