// Command kratos builds Ory Kratos v1.3.1 from the Go module proxy.
//
// `go install github.com/ory/kratos@v1.3.1` refuses the module because its go.mod
// carries replace directives, so this wrapper requires it and repeats them.
package main

import "github.com/ory/kratos/cmd"

func main() {
	cmd.Execute()
}
