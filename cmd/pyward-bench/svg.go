package main

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// serverColors gives each server the same colour in every chart.
var serverColors = map[string]string{"pyward": "#2b8a3e", "pyright": "#1c7ed6", "pylsp": "#e8590c"}

func colorOf(name string) string {
	if c, ok := serverColors[name]; ok {
		return c
	}
	return "#868e96"
}

// bar is one bar of the chart.
type bar struct {
	server   string
	p50, p90 float64
}

// panel is a group of metrics sharing a unit and an axis.
type panel struct {
	title string
	unit  string
	keys  []string
}

// svg draws the p50 of every metric as horizontal bars on a log axis (a tick marks the
// p90), one panel per unit. It is plain SVG, written by hand, with no dependencies.
func (r *report) svg() string {
	const (
		width     = 960
		labelW    = 70
		plotL     = labelW + 10
		plotR     = width - 90
		barH      = 16
		barGap    = 4
		groupGap  = 14
		panelHead = 46
	)
	panels := []panel{
		{"Latency: bar = p50, whisker to p90 (log scale) — lower is better", "ms", []string{mCold, mDefNew, mDef, mHover, mEdit}},
		{"Peak resident memory (log scale) — lower is better", "MB", []string{mRSS50, mRSS200}},
	}
	var body strings.Builder
	y := 56
	for _, p := range panels {
		type group struct {
			label string
			bars  []bar
		}
		var groups []group
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, key := range p.keys {
			var g group
			for _, res := range r.Results {
				m := res.Metrics[key]
				if m == nil {
					continue
				}
				g.label = m.Label
				p50, p90, _, ok := m.P()
				if !ok {
					continue
				}
				g.bars = append(g.bars, bar{res.Spec.Name, p50, p90})
				lo, hi = math.Min(lo, p50), math.Max(hi, math.Max(p50, p90))
			}
			if len(g.bars) > 0 {
				groups = append(groups, g)
			}
		}
		if len(groups) == 0 {
			continue
		}
		lo = math.Pow(10, math.Floor(math.Log10(math.Max(lo, 1e-3))))
		hi = math.Pow(10, math.Ceil(math.Log10(math.Max(hi, lo*10))))
		if hi <= lo {
			hi = lo * 10
		}
		xOf := func(v float64) float64 {
			v = math.Max(v, lo)
			return plotL + (math.Log10(v)-math.Log10(lo))/(math.Log10(hi)-math.Log10(lo))*float64(plotR-plotL)
		}
		fmt.Fprintf(&body, `<text x="10" y="%d" class="panel">%s</text>`+"\n", y, html.EscapeString(p.title))
		y += panelHead - 20
		gridTop := y
		var rows strings.Builder
		for _, g := range groups {
			fmt.Fprintf(&rows, `<text x="10" y="%d" class="group">%s</text>`+"\n", y+barH-5, html.EscapeString(g.label))
			y += barH
			for _, b := range g.bars {
				x1 := xOf(b.p50)
				fmt.Fprintf(&rows, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s %s: p50 %s, p90 %s</title></rect>`+"\n",
					plotL, y, math.Max(x1-plotL, 1), barH, colorOf(b.server), b.server, html.EscapeString(g.label),
					fmtValue(b.p50, p.unit), fmtValue(b.p90, p.unit))
				// A whisker from the bar's end to the p90.
				x9 := xOf(b.p90)
				if x9 > x1+1 {
					fmt.Fprintf(&rows, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#495057" stroke-width="1"/>`+"\n", x1, x9, y+barH/2, y+barH/2)
				}
				fmt.Fprintf(&rows, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#212529" stroke-width="1.5"/>`+"\n", x9, x9, y+3, y+barH-3)
				fmt.Fprintf(&rows, `<text x="%d" y="%d" class="server">%s</text>`+"\n", labelW, y+barH-4, b.server)
				fmt.Fprintf(&rows, `<text x="%.1f" y="%d" class="value">%s</text>`+"\n", math.Max(x1, x9)+5, y+barH-4, fmtValue(b.p50, p.unit))
				y += barH + barGap
			}
			y += groupGap
		}
		// Decade grid lines with labels, drawn under the bars.
		for v := lo; v <= hi*1.0001; v *= 10 {
			x := xOf(v)
			fmt.Fprintf(&body, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" class="grid"/>`+"\n", x, x, gridTop-4, y-groupGap)
			fmt.Fprintf(&body, `<text x="%.1f" y="%d" class="axis" text-anchor="middle">%s</text>`+"\n", x, gridTop-8, axisLabel(v, p.unit))
		}
		body.WriteString(rows.String())
		y += 24
	}
	// Legend.
	lx := 10
	var legend strings.Builder
	for _, res := range r.Results {
		fmt.Fprintf(&legend, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" class="group">%s</text>`+"\n",
			lx, y-10, colorOf(res.Spec.Name), lx+16, y, html.EscapeString(res.Spec.Name))
		lx += 120
	}
	fmt.Fprintf(&legend, `<text x="%d" y="%d" class="axis">%s · nproc %s · %s</text>`+"\n", lx, y,
		r.Date.Format("2006-01-02"), html.EscapeString(r.Machine.CPUs), html.EscapeString(r.Machine.Model))
	y += 16

	var out strings.Builder
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif">`+"\n", width, y, width, y)
	out.WriteString(`<style>
.title{font-size:18px;font-weight:600;fill:#212529}
.panel{font-size:14px;font-weight:600;fill:#343a40}
.group{font-size:12px;fill:#343a40}
.server{font-size:11px;fill:#495057;text-anchor:end}
.value{font-size:11px;fill:#212529}
.axis{font-size:10px;fill:#868e96}
.grid{stroke:#dee2e6;stroke-width:1}
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
`)
	out.WriteString(`<text x="10" y="26" class="title">pyward vs. other Python language servers on the CPython standard library</text>` + "\n")
	out.WriteString(body.String())
	out.WriteString(legend.String())
	out.WriteString("</svg>\n")
	return out.String()
}

func axisLabel(v float64, unit string) string {
	if unit == "ms" {
		switch {
		case v >= 1000:
			return fmt.Sprintf("%gs", v/1000)
		default:
			return fmt.Sprintf("%gms", v)
		}
	}
	return fmt.Sprintf("%g%s", v, unit)
}
