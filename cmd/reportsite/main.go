// Command reportsite builds a static report site from a folder of YAML
// files; see the README for the commands.
package main

import (
	"os"

	"reportsite/generator/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:]))
}
