package main

// closest returns the candidate nearest to word by edit distance, when it is near
// enough to be a likely typo (at most 2 edits, or a third of the word for long words);
// "" otherwise.
func closest(word string, candidates []string) string {
	best, limit := "", max(2, len(word)/3)
	for _, c := range candidates {
		if d := editDistance(word, c); d <= limit {
			best, limit = c, d-1
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b (insertions,
// deletions, substitutions and transpositions of neighbours), counted in bytes: flags
// and command names are ASCII.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
