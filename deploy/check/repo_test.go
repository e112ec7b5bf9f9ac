// Package check holds the offline checks of the deployment artifacts: the
// Dockerfile (BuildKit's parser and linter), the Kubernetes manifests
// (kustomize, decoded strictly with client-go's scheme) and the compose file
// (compose-go). Run with `npm run test:deploy`.
package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the repository this module sits in (deploy/check).
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "package.json")); err != nil {
		t.Fatalf("repository root not found from %s: %v", root, err)
	}
	return root
}

func readRepoFile(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// trackedFiles lists the files git tracks plus the untracked ones it does not
// ignore: what a clean clone (and so a `docker build` in CI) would hold.
func trackedFiles(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z")
	cmd.Dir = repoRoot(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	var files []string
	for _, file := range strings.Split(string(out), "\x00") {
		if file == "" {
			continue
		}
		// A file deleted in the work tree but still in the index is not in the context.
		if _, err := os.Lstat(filepath.Join(repoRoot(t), filepath.FromSlash(file))); err == nil {
			files = append(files, file)
		}
	}
	return files
}
