package syntax

import (
	"runtime"
	"sync"
)

// Large texts are parsed in pieces, cut at SplitPoints, on several parsers at once.
// tree-sitter's own tree costs about 130 bytes a node (a 10 MB module: 3.6 million
// nodes, half a gigabyte), so a large text parsed whole would peak far above its flat
// tree; in pieces, only the pieces being parsed have C trees, and two cores parse
// about twice as fast.
const (
	// chunkAbove is the size from which Parse cuts a text into pieces.
	chunkAbove = 1 << 20
	// chunkSize is the size a piece aims at.
	chunkSize = 256 << 10
)

// parseChunked parses src in pieces at least every bytes long, on up to workers parsers
// at once, and joins their flat trees into the tree of the whole text. It returns nil
// when a piece's parse timed out.
func parseChunked(src []byte, every, workers int) *Tree {
	points := SplitPoints(src, every)
	starts := append([]int{0}, points...)
	ends := append(points, len(src))
	if workers < 1 {
		workers = 1
	}
	workers = min(workers, len(starts))

	type piece struct {
		nodes []Node
		ids   []uintptr
		ok    bool
	}
	results := make([]chan piece, len(starts))
	for k := range results {
		results[k] = make(chan piece, 1)
	}
	// At most 2×workers pieces are parsed ahead of the joining, so memory stays bounded
	// by the pieces in flight, not by the text.
	window := make(chan struct{}, 2*workers)
	// The pieces' buffers go back to free once joined, so a large text makes no
	// garbage beyond its tree.
	free := make(chan piece, 2*workers)
	jobs := make(chan int)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := newCParser()
			defer p.close()
			for k := range jobs {
				chunk := src[starts[k]:ends[k]]
				t := p.parse(nil, chunk, parseTimeout(len(chunk)))
				if t == nil {
					results[k] <- piece{}
					continue
				}
				var buf piece
				select {
				case buf = <-free:
				default:
				}
				nodes, ids, _ := flattenInto(t, len(chunk)/3, nil, nil, buf.nodes[:0], buf.ids[:0])
				deleteTree(t)
				results[k] <- piece{nodes: nodes, ids: ids, ok: true}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for k := range starts {
			select {
			case window <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- k:
			case <-stop:
				return
			}
		}
	}()

	var out []Node
	lastTop := NoNode // the last top-level statement joined so far
	failed := false
	for k := range starts {
		r := <-results[k]
		if !r.ok {
			<-window
			failed = true
			break
		}
		if k == 0 {
			// Size the tree from the first piece's density, with a margin; append grows
			// it if the guess was short.
			guess := len(r.nodes)*len(src)/max(ends[0], 1) + len(r.nodes)/8 + 64
			out = make([]Node, 0, guess)
			out = append(out, r.nodes...)
			lastTop = lastChild(out, 0)
			free <- r
			<-window
			continue
		}
		base := NodeID(len(out) - 1) // piece node j lands at base+j (its module node is dropped)
		off := uint32(starts[k])
		for j := 1; j < len(r.nodes); j++ {
			nd := r.nodes[j]
			nd.Start += off
			nd.End += off
			if nd.Parent != 0 {
				nd.Parent += base
			}
			if nd.NextSibling != NoNode {
				nd.NextSibling += base
			}
			out = append(out, nd)
		}
		if first := firstChild(r.nodes, 0); first != NoNode {
			if lastTop != NoNode {
				out[lastTop].NextSibling = first + base
			}
			lastTop = lastChild(r.nodes, 0) + base
		}
		out[0].End = max(out[0].End, off+r.nodes[0].End)
		free <- r
		<-window
	}
	close(stop)
	wg.Wait()
	if failed {
		return nil
	}
	if cap(out)-len(out) > len(out)/4 { // the guess was far too large: do not keep the slack
		out = append([]Node(nil), out...)
	}
	return &Tree{Src: src, Nodes: out}
}

// lastChild is the last child of n, or NoNode.
func lastChild(nodes []Node, n NodeID) NodeID {
	last := NoNode
	for c := firstChild(nodes, n); c != NoNode; c = nodes[c].NextSibling {
		last = c
	}
	return last
}

// parseWorkers is how many parsers a chunked parse uses.
func parseWorkers() int { return runtime.GOMAXPROCS(0) }
