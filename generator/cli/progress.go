package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// progressLine shows "writing pages and data 120/1000" on one terminal line,
// redrawn at most ten times a second and cleared at the end.
type progressLine struct {
	w    io.Writer
	last time.Time
	now  func() time.Time
}

// progress returns a reporter writing to stderr when stderr is a terminal,
// and nil (no progress shown) otherwise.
func (c *Command) progress() *progressLine {
	f, ok := c.Stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progressLine{w: f, now: time.Now}
}

// Report shows that done of total pages and data tables are written.
func (p *progressLine) Report(done, total int) {
	if p == nil {
		return
	}
	if t := p.now(); done < total && t.Sub(p.last) < 100*time.Millisecond {
		return
	} else {
		p.last = t
	}
	fmt.Fprintf(p.w, "\rwriting pages and data %d/%d", done, total)
}

// Clear removes the progress line.
func (p *progressLine) Clear() {
	if p != nil {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
