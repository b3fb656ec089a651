package cli

import (
	"bytes"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer that a running command writes while the test
// reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveLimit bounds the waits of these tests; it turns a hang into a
// failure and is not a target.
const serveLimit = 20 * time.Second

func TestServeUsageErrorsExitWithStatus2(t *testing.T) {
	content := exampleCopy(t)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"address without a port", []string{"--addr", "127.0.0.1"}, `--addr "127.0.0.1": give a host and port`},
		{"a URL for an address", []string{"--addr", "http://127.0.0.1:8080/"}, "give a host and port, not an address, e.g. 127.0.0.1:8080"},
		{"a port out of range", []string{"--addr", "127.0.0.1:99999"}, "the port must be a number from 0 to 65535"},
		{"a port that is not a number", []string{"--addr", "127.0.0.1:http"}, "the port must be a number"},
		{"a host that cannot be one", []string{"--addr", "my server:8080"}, `"my server" is not a host name or IP address`},
		{"an empty address", []string{"--addr", ""}, "give a host and port"},
		{"an extra argument", []string{"public"}, `reportsite serve: unexpected argument "public"`},
		{"an unknown flag", []string{"--port", "8080"}, "flag provided but not defined: -port"},
		{"a flag without its value", []string{"--addr"}, "flag needs an argument: -addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"serve", "--content", content}, tt.args...)
			stdout, stderr, exit := run(args...)
			checkUsageError(t, "serve", stdout, stderr, exit, tt.wantErr)
		})
	}
}

func TestServeFailsWithStatus1WhenItCannotStart(t *testing.T) {
	content := exampleCopy(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"a missing content folder", []string{"--content", filepath.Join(t.TempDir(), "missing"), "--addr", "127.0.0.1:0"},
			"does not exist; run in the folder that holds it or name it with --content"},
		{"a missing templates folder", []string{"--content", content, "--templates", filepath.Join(t.TempDir(), "missing"), "--addr", "127.0.0.1:0"},
			"does not exist; run in the folder that holds it or name it with --templates"},
		{"a port in use", []string{"--content", content, "--addr", busy.Addr().String()},
			"cannot serve on " + busy.Addr().String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, exit := run(append([]string{"serve"}, tt.args...)...)
			if exit != ExitContent {
				t.Errorf("exit status %d, want %d", exit, ExitContent)
			}
			if strings.Contains(stdout, "serving") {
				t.Errorf("standard output claims to serve:\n%s", stdout)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("standard error lacks %q:\n%s", tt.wantErr, stderr)
			}
		})
	}
}

// TestBuildOutputHasNoLiveReload: the live-reload script belongs to serve
// alone; a built site neither holds it nor loads it.
func TestBuildOutputHasNoLiveReload(t *testing.T) {
	content := exampleCopy(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, "--content", content, "--out", out)
	files := snapshot(t, out)
	if len(files) == 0 {
		t.Fatal("the build wrote nothing")
	}
	for name, data := range files {
		if strings.Contains(name, "livereload") {
			t.Errorf("the build wrote %s", name)
		}
		if bytes.Contains(data, []byte("livereload")) || bytes.Contains(data, []byte("_reportsite/events")) {
			t.Errorf("%s mentions the live-reload script", name)
		}
	}
}

func TestServeIsInTheUsage(t *testing.T) {
	stdout, _, exit := run("help")
	if exit != ExitOK || !strings.Contains(stdout, "reportsite serve  [--content DIR] [--templates DIR] [--addr 127.0.0.1:8080]") {
		t.Errorf("help: exit status %d, does not list serve:\n%s", exit, stdout)
	}
}
