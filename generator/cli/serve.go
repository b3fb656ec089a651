package cli

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"reportsite/generator/serve"
)

// serveCmd is "reportsite serve": the site built in memory, served on
// --addr and rebuilt on every save, until Ctrl-C.
func (c *Command) serveCmd(args []string) (int, error) {
	fs := c.flags("serve", "[--content DIR] [--templates DIR] [--addr 127.0.0.1:8080] [--no-git-info]")
	opts := serve.Options{Stdout: c.Stdout, Stderr: c.Stderr}
	fs.StringVar(&opts.Content, "content", "content", "the content `folder`")
	fs.StringVar(&opts.Templates, "templates", "", "a `folder` of templates replacing the defaults of the same name")
	addr := fs.String("addr", "127.0.0.1:8080", "the `host:port` to serve on; the default is reachable from this computer only")
	noGitInfo := fs.Bool("no-git-info", false, "leave out the day each page last changed, which is read from git")
	rest, err := parse(fs, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(rest) > 0 {
		return ExitUsage, c.usageErrorf(fs, "unexpected argument %q", rest[0])
	}
	if err := checkAddr(*addr); err != nil {
		return ExitUsage, c.usageErrorf(fs, "--addr %q: %v", *addr, err)
	}

	opts.GitInfo = !*noGitInfo
	srv, err := serve.New(opts)
	if err != nil {
		return ExitContent, err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return ExitContent, fmt.Errorf("cannot serve on %s: %w; choose another --addr", *addr, err)
	}
	url, everywhere := address(ln.Addr())
	if everywhere {
		fmt.Fprintf(c.Stderr, "warning: --addr %s serves every network this computer is on; anyone who can reach it can read the site\n", *addr)
	}
	// Ctrl-C (SIGINT) or SIGTERM stops the server cleanly, with status 0.
	// They are caught only from here: during the first build, Ctrl-C
	// simply ends the command, as nothing needs cleaning up; and once the
	// server is stopping, a second Ctrl-C ends it without waiting.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	fmt.Fprintf(c.Stdout, "serving %s — press Ctrl-C to stop\n", url)
	if err := srv.Serve(ctx, ln); err != nil {
		return ExitContent, err
	}
	fmt.Fprintln(c.Stdout, "stopped")
	return ExitOK, nil
}

// checkAddr accepts host:port with a port number, the host being a name,
// an IP address or empty (every interface).
func checkAddr(addr string) error {
	if strings.Contains(addr, "://") || strings.Contains(addr, "/") {
		return fmt.Errorf("give a host and port, not an address, e.g. 127.0.0.1:8080")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("give a host and port, e.g. 127.0.0.1:8080 (%v)", err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("the port must be a number from 0 to 65535, e.g. 127.0.0.1:8080")
	}
	if host == "" || validHostName(host) {
		return nil
	}
	if _, err := netip.ParseAddr(host); err != nil {
		return fmt.Errorf("%q is not a host name or IP address", host)
	}
	return nil
}

// validHostName reports whether host is spelt as a DNS name: letters,
// digits and hyphens between dots.
func validHostName(host string) bool {
	if len(host) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(host, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// address returns the URL to open for a listener, and whether it listens
// beyond this computer.
func address(a net.Addr) (url string, everywhere bool) {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/", false
	}
	ip := tcp.IP
	if ip.IsUnspecified() {
		return fmt.Sprintf("http://127.0.0.1:%d/", tcp.Port), true
	}
	return "http://" + net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port)) + "/", !ip.IsLoopback()
}
