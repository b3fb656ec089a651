// Package cli is the reportsite command line: it parses arguments, runs
// the pipeline steps a command needs and turns the outcome into output and
// an exit status. Main is tested with buffers instead of a terminal.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// Exit statuses of the reportsite command.
const (
	ExitOK      = 0 // success; warnings may have been printed
	ExitContent = 1 // the content has errors, or the site could not be written
	ExitUsage   = 2 // the command line is wrong
)

// Command holds what a run of reportsite talks to. Tests fill it with
// buffers and a fixed clock.
type Command struct {
	Stdout io.Writer
	Stderr io.Writer
	// Now is the clock, used for the year in new skeletons.
	Now func() time.Time
}

// Main runs reportsite with the process's standard streams and returns
// the exit status; args excludes the program name.
func Main(args []string) int {
	cmd := &Command{Stdout: os.Stdout, Stderr: os.Stderr, Now: time.Now}
	return cmd.Run(args)
}

const usage = `reportsite turns a folder of YAML files into a report site.

Usage:
  reportsite build  [--content DIR] [--templates DIR] [--out DIR] [--base-url URL] [--strict] [--no-git-info]
  reportsite check  [--content DIR] [--strict] [--format text|json|github]
  reportsite serve  [--content DIR] [--templates DIR] [--addr 127.0.0.1:8080] [--no-git-info]
  reportsite new    unit|activity ID [--content DIR]
  reportsite init   DIR [--language vi|en|pt] [--title TITLE]
  reportsite diff   REV1 [REV2] [--content DIR] [--format text|markdown|json]
  reportsite schema DIR
  reportsite version

Run "reportsite COMMAND -h" for a command's options.
`

// errUsage marks a command-line mistake already explained to the user.
var errUsage = errors.New("usage")

// Run runs one command and returns its exit status.
func (c *Command) Run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.Stderr, usage)
		return ExitUsage
	}
	var status int
	var err error
	switch args[0] {
	case "build":
		status, err = c.build(args[1:])
	case "check":
		status, err = c.check(args[1:])
	case "serve":
		status, err = c.serveCmd(args[1:])
	case "new":
		status, err = c.newFile(args[1:])
	case "init":
		status, err = c.initRepo(args[1:])
	case "diff":
		status, err = c.diffCmd(args[1:])
	case "schema":
		status, err = c.schemaCmd(args[1:])
	case "version":
		status, err = c.versionCmd(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(c.Stdout, usage)
		return ExitOK
	default:
		fmt.Fprintf(c.Stderr, "reportsite: unknown command %q\n\n%s", args[0], usage)
		return ExitUsage
	}
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "reportsite %s: %v\n", args[0], err)
		if status == ExitOK {
			status = ExitContent
		}
	}
	return status
}

// flags makes a flag set for a command whose errors go to stderr.
func (c *Command) flags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.Stderr, "Usage: reportsite %s %s\n\nOptions:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may stand before or after the positional
// arguments, and returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// usageErrorf explains a command-line mistake and returns errUsage.
func (c *Command) usageErrorf(fs *flag.FlagSet, format string, args ...any) error {
	fmt.Fprintf(c.Stderr, "reportsite %s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return errUsage
}

func oneOf(value string, allowed ...string) bool {
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	return false
}

// msRound picks a rounding for a duration in the closing line: whole
// milliseconds below ten seconds, tenths of a second above.
func msRound(d time.Duration) time.Duration {
	if d < 10*time.Second {
		return time.Millisecond
	}
	return 100 * time.Millisecond
}
