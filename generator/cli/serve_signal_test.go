//go:build unix

package cli

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

var servingLine = regexp.MustCompile(`(?m)^serving (http://127\.0\.0\.1:\d+/) — press Ctrl-C to stop$`)

// TestServeStopsCleanlyOnCtrlC runs "reportsite serve" on a free loopback
// port, fetches a page, then sends the process the SIGINT that Ctrl-C
// sends: the command stops and exits with status 0. Windows has no way
// for a process to send itself the Ctrl-C of its console, hence a file
// for Unix alone.
func TestServeStopsCleanlyOnCtrlC(t *testing.T) {
	content := exampleCopy(t)
	var stdout, stderr lockedBuffer
	cmd := &Command{Stdout: &stdout, Stderr: &stderr, Now: fixedNow}
	exit := make(chan int, 1)
	go func() { exit <- cmd.Run([]string{"serve", "--content", content, "--addr", "127.0.0.1:0"}) }()

	var url string
	deadline := time.Now().Add(serveLimit)
	for url == "" {
		if m := servingLine.FindStringSubmatch(stdout.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case status := <-exit:
			t.Fatalf("serve exited with status %d before serving\nstdout: %s\nstderr: %s", status, stdout.String(), stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no \"serving\" line within %s:\n%s", serveLimit, stdout.String())
		}
	}
	client := &http.Client{Timeout: serveLimit}
	resp, err := client.Get(url + "units/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("assets/livereload.js")) {
		t.Errorf("GET %sunits/: %s, want 200 and a page with the live-reload script", url, resp.Status)
	}

	// The "serving" line is printed once the signals are caught, so this
	// reaches the command, not the test binary's default handler.
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case status := <-exit:
		if status != ExitOK {
			t.Errorf("exit status %d after Ctrl-C, want 0\nstderr: %s", status, stderr.String())
		}
	case <-time.After(serveLimit):
		t.Fatalf("serve did not stop within %s of Ctrl-C", serveLimit)
	}
	if !strings.HasSuffix(stdout.String(), "stopped\n") {
		t.Errorf("standard output does not end with \"stopped\":\n%s", stdout.String())
	}
	if _, err := client.Get(url); err == nil {
		t.Errorf("the server still answers after Ctrl-C")
	}
}
