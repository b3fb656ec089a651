// Package gittree reads a folder of a git repository as it was at a
// revision, straight from git's objects and without a checkout: one
// git ls-tree lists the folder and one git cat-file --batch streams the
// files into memory, where a Tree serves them as a read-only fs.FS.
//
// The git command does the reading, so every kind of repository git
// reads (packed, with alternates, a worktree) is read alike.
package gittree

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Repo is a git repository's working tree, and where in it the command
// was started.
type Repo struct {
	// Top is the top-level folder of the working tree, absolute.
	Top string
	// Prefix is the slash path inside Top of the folder Open was given,
	// "" at the top level, else ending in "/".
	Prefix string
}

// ErrNotRepository is returned by Open for a folder outside any git
// working tree.
var ErrNotRepository = errors.New("not inside a git repository")

// Open finds the repository whose working tree holds the folder dir.
func Open(dir string) (*Repo, error) {
	out, err := run(dir, nil, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		var missing *exec.Error
		if errors.As(err, &missing) {
			return nil, fmt.Errorf("git is needed and was not found: %w", err)
		}
		return nil, fmt.Errorf("%s: %w (%v)", dir, ErrNotRepository, err)
	}
	top, prefix, _ := strings.Cut(strings.TrimSuffix(string(out), "\n"), "\n")
	if top == "" {
		return nil, fmt.Errorf("%s: %w (it has no working tree)", dir, ErrNotRepository)
	}
	return &Repo{Top: filepath.FromSlash(top), Prefix: prefix}, nil
}

// ErrUnknownRevision is returned by Resolve for a revision that names no
// commit.
var ErrUnknownRevision = errors.New("unknown revision")

// Resolve returns the full hash of the commit that rev names: a branch,
// a tag, a hash or any form git rev-parse takes, such as HEAD~1.
func (r *Repo) Resolve(rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	out, err := run(r.Top, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%w %q: no commit of this repository has that name; try a branch, a tag or a hash, such as main or HEAD~1", ErrUnknownRevision, rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// ErrNoFolder is returned by ReadTree when the folder does not exist at
// the revision.
var ErrNoFolder = errors.New("no such folder")

// Options tune ReadTree.
type Options struct {
	// Skip, when not nil, names the files whose bytes are not read: they
	// are listed, with their size, but cannot be opened. name is a slash
	// path inside the folder.
	Skip func(name string, size int64) bool
	// Reuse is a tree read before, from the same repository: files of
	// the same object are taken from it rather than read again.
	Reuse *Tree
}

// ReadTree reads the folder dir (a slash path from the top level, "" or
// "." for the whole tree) as it is in commit. Submodules are left out;
// symbolic links are listed as such and their targets are not followed.
func (r *Repo) ReadTree(ctx context.Context, commit, dir string, opts Options) (*Tree, error) {
	dir = strings.Trim(path.Clean("/"+dir), "/")
	args := []string{"ls-tree", "-r", "-z", "-l", "--full-tree", commit}
	if dir != "" {
		args = append(args, "--", dir)
	}
	out, err := run(r.Top, []string{"GIT_LITERAL_PATHSPECS=1"}, args...)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", commit, err)
	}
	t := newTree()
	var want []*node
	prefix := ""
	if dir != "" {
		prefix = dir + "/"
	}
	for rec := range bytes.SplitSeq(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, name, ok := bytes.Cut(rec, []byte{'\t'})
		fields := strings.Fields(string(meta))
		if !ok || len(fields) != 4 {
			return nil, fmt.Errorf("listing %s: unexpected line %q", commit, rec)
		}
		rel, inside := strings.CutPrefix(string(name), prefix)
		if !inside || rel == "" {
			continue // dir itself, as a file or a link
		}
		var mode os.FileMode
		switch fields[0] {
		case "100644", "100755":
		case "120000":
			mode = os.ModeSymlink | 0o777
		default:
			continue // a submodule
		}
		size, err := strconv.ParseInt(fields[3], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("listing %s: bad size in %q", commit, rec)
		}
		n := t.add(rel, mode, size, fields[2])
		if n == nil {
			continue
		}
		if mode.IsRegular() && opts.Skip != nil && opts.Skip(rel, size) {
			n.skipped = true
			continue
		}
		if data, ok := opts.Reuse.object(n.oid); ok {
			n.data = data
			t.objects[n.oid] = data
			continue
		}
		want = append(want, n)
	}
	if len(t.root.children) == 0 {
		return nil, fmt.Errorf("%s at %s: %w", dir, commit, ErrNoFolder)
	}
	if err := r.readBlobs(ctx, want, t); err != nil {
		return nil, fmt.Errorf("reading %s: %w", commit, err)
	}
	return t, nil
}

// readBlobs reads the bytes of nodes with one git cat-file --batch,
// writing the object names on one side while reading the objects on the
// other. An object wanted twice is read once.
func (r *Repo) readBlobs(ctx context.Context, nodes []*node, t *Tree) error {
	if len(nodes) == 0 {
		return nil
	}
	var oids []string
	byOid := map[string][]*node{}
	for _, n := range nodes {
		if byOid[n.oid] == nil {
			oids = append(oids, n.oid)
		}
		byOid[n.oid] = append(byOid[n.oid], n)
	}
	cmd := exec.CommandContext(ctx, "git", "cat-file", "--batch")
	cmd.Dir = r.Top
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		w := bufio.NewWriterSize(stdin, 64<<10)
		for _, oid := range oids {
			w.WriteString(oid)
			w.WriteByte('\n')
		}
		w.Flush()
		stdin.Close()
	}()
	rd := bufio.NewReaderSize(stdout, 256<<10)
	var readErr error
	for _, oid := range oids {
		data, err := readObject(rd, oid)
		if err != nil {
			readErr = err
			break
		}
		for _, n := range byOid[oid] {
			n.data = data
		}
		t.objects[oid] = data
	}
	if readErr != nil {
		io.Copy(io.Discard, rd)
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git cat-file: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return readErr
}

// readObject reads one answer of git cat-file --batch: a line
// "<oid> <type> <size>", the object's bytes and a line end.
func readObject(rd *bufio.Reader, oid string) ([]byte, error) {
	header, err := rd.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("git cat-file stopped before %s: %w", oid, err)
	}
	fields := strings.Fields(header)
	if len(fields) != 3 || fields[0] != oid {
		return nil, fmt.Errorf("git cat-file answered %q for %s", strings.TrimSpace(header), oid)
	}
	size, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil || size < 0 {
		return nil, fmt.Errorf("git cat-file gave a bad size for %s: %q", oid, fields[2])
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(rd, data); err != nil {
		return nil, fmt.Errorf("git cat-file stopped inside %s: %w", oid, err)
	}
	return data[:size:size], nil
}

// run runs git in dir with the extra environment env and returns what it
// printed; a failure carries what git wrote to stderr.
func run(dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%s", firstLine(msg))
		}
		return nil, err
	}
	return out, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
