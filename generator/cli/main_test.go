package cli

import (
	"os"
	"testing"
)

// childBuildEnv, when set, makes the test binary run reportsite with its
// arguments instead of the tests, so that a test can run a build in a
// process of its own and kill it, and publish.sh can call it as
// reportsite.
const childBuildEnv = "REPORTSITE_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childBuildEnv) != "" {
		os.Exit(Main(os.Args[1:]))
	}
	os.Exit(m.Run())
}
