package check

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	digest "github.com/opencontainers/go-digest"
)

// offlineImages answers BuildKit's base-image lookups without a registry: a
// linux/amd64 image with one layer and only PATH set. Lint rules that read the
// base image's config (UndefinedVar, InvalidBaseImagePlatform) therefore see
// less than a real build would: a variable that only the real image defines
// is reported here, which errs on the side of failing.
type offlineImages struct{}

func (offlineImages) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	config, err := json.Marshal(map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"config":       map[string]any{"Env": []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{digest.FromString(ref).String()}},
	})
	return ref, "", config, err
}

func readDockerfile(t *testing.T) []byte {
	return readRepoFile(t, "Dockerfile")
}

// lintDockerfile runs what `docker build --check` runs: BuildKit's Dockerfile
// frontend converting every stage with its linter on, and returns each
// warning and the conversion error, if any, as text.
func lintDockerfile(t *testing.T, dockerfile []byte) []string {
	t.Helper()
	results, err := dockerfile2llb.DockerfileLint(context.Background(), dockerfile, dockerfile2llb.ConvertOpt{
		MetaResolver: offlineImages{},
		SourceMap:    &llb.SourceMap{Definition: &llb.Definition{}, Filename: "Dockerfile", Language: "Dockerfile", Data: dockerfile},
	})
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, warning := range results.Warnings {
		line := 0
		if warning.Location != nil && len(warning.Location.Ranges) > 0 {
			line = int(warning.Location.Ranges[0].Start.Line)
		}
		problems = append(problems, fmt.Sprintf("line %d: %s: %s", line, warning.RuleName, warning.Detail))
	}
	if results.Error != nil {
		problems = append(problems, "build error: "+results.Error.Message)
	}
	return problems
}

func parseStages(t *testing.T, dockerfile []byte) []instructions.Stage {
	t.Helper()
	ast, err := parser.Parse(bytes.NewReader(dockerfile))
	if err != nil {
		t.Fatal(err)
	}
	stages, _, err := instructions.Parse(ast.AST, nil)
	if err != nil {
		t.Fatal(err)
	}
	return stages
}

func dockerignore(t *testing.T) *patternmatcher.PatternMatcher {
	t.Helper()
	patterns, err := ignorefile.ReadAll(bytes.NewReader(readRepoFile(t, ".dockerignore")))
	if err != nil {
		t.Fatal(err)
	}
	matcher, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	return matcher
}

func ignored(t *testing.T, matcher *patternmatcher.PatternMatcher, path string) bool {
	t.Helper()
	excluded, err := matcher.MatchesOrParentMatches(path)
	if err != nil {
		t.Fatal(err)
	}
	return excluded
}

func TestDockerfilePassesBuildKitChecks(t *testing.T) {
	if problems := lintDockerfile(t, readDockerfile(t)); len(problems) > 0 {
		t.Errorf("BuildKit's checks fail:\n  %s", strings.Join(problems, "\n  "))
	}
}

// The linter must be able to fail: each of these breaks one rule.
func TestDockerfileLinterCatchesMistakes(t *testing.T) {
	cases := map[string]struct{ dockerfile, rule string }{
		"lower-case AS":     {"FROM node:22 as build\nRUN true\n", "FromAsCasing"},
		"shell-form CMD":    {"FROM node:22\nCMD node server.js\n", "JSONArgsRecommended"},
		"undefined var":     {"FROM node:22\nENV A=$NOT_DEFINED\n", "UndefinedVar"},
		"secret in ENV":     {"FROM node:22\nENV API_SECRET=x\n", "SecretsUsedInArgOrEnv"},
		"legacy ENV format": {"FROM node:22\nENV A b\n", "LegacyKeyValueFormat"},
		"relative WORKDIR":  {"FROM node:22\nWORKDIR app\n", "WorkdirRelativePath"},
		"undefined ARG":     {"FROM node:${NODE_MAJOR}-slim\n", "UndefinedArgInFrom"},
		"misspelt command":  {"FROM node:22\nRUNN true\n", "build error"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			problems := lintDockerfile(t, []byte(c.dockerfile))
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, c.rule) }) {
				t.Errorf("expected %s, got %q", c.rule, problems)
			}
		})
	}
}

// Every COPY/ADD from the build context names something that exists and that
// .dockerignore lets through (BuildKit's CopyIgnoredFile rule needs a build
// client; this is the same match on the same patterns).
func TestDockerfileCopySourcesAreInTheContext(t *testing.T) {
	root := repoRoot(t)
	matcher := dockerignore(t)
	checked := 0
	for _, stage := range parseStages(t, readDockerfile(t)) {
		for _, command := range stage.Commands {
			var sources []string
			switch c := command.(type) {
			case *instructions.CopyCommand:
				if c.From != "" {
					continue
				}
				sources = c.SourcePaths
			case *instructions.AddCommand:
				sources = c.SourcePaths
			default:
				continue
			}
			for _, source := range sources {
				checked++
				if strings.Contains(source, "$") {
					t.Errorf("stage %s: COPY source %q uses a variable; this check cannot follow it", stage.Name, source)
					continue
				}
				matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(source)))
				if err != nil || len(matches) == 0 {
					t.Errorf("stage %s: COPY source %q does not exist", stage.Name, source)
					continue
				}
				for _, match := range matches {
					rel, _ := filepath.Rel(root, match)
					rel = filepath.ToSlash(rel)
					if rel != "." && ignored(t, matcher, rel) {
						t.Errorf("stage %s: COPY source %q is excluded by .dockerignore", stage.Name, rel)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no COPY from the build context found")
	}
}

// The context is the repository minus a known list: secrets and local state
// never get in, and everything `next build` type-checks does.
func TestDockerignore(t *testing.T) {
	matcher := dockerignore(t)
	for _, path := range []string{
		".env", ".env.local", ".env.production.local", ".stack/secrets.json", ".stack/kratos.sqlite",
		".git/config", "node_modules/next/package.json", ".next/standalone/server.js", ".next-bench/BUILD_ID",
	} {
		if !ignored(t, matcher, path) {
			t.Errorf("%s would be sent to the build", path)
		}
	}
	// Left out on purpose: Go code and the image's own definition.
	leftOut := []string{"kratos/build/", "deploy/", "Dockerfile", ".dockerignore"}
	// `next build` type-checks every TypeScript file and what it imports: a
	// script, declaration or JSON file left out would fail the image build.
	importable := regexp.MustCompile(`\.(ts|tsx|mts|cts|js|mjs|cjs|json)$`)
	for _, file := range trackedFiles(t) {
		want := slices.ContainsFunc(leftOut, func(prefix string) bool {
			return file == prefix || strings.HasSuffix(prefix, "/") && strings.HasPrefix(file, prefix)
		})
		if got := ignored(t, matcher, file); got != want {
			t.Errorf("%s: excluded from the build context = %v, want %v", file, got, want)
		}
		if want && importable.MatchString(file) {
			t.Errorf("%s is left out of the build context, but the build could import it", file)
		}
	}
}

// The image runs as a numeric non-root user, checks /api/health, and its last
// stage holds only what Next's standalone output traced: no RUN (the base has
// no shell), no package manager, nothing copied from the dependency stage.
func TestDockerfileRuntimeStage(t *testing.T) {
	stages := parseStages(t, readDockerfile(t))
	final := stages[len(stages)-1]
	if !strings.Contains(final.BaseName, "distroless") {
		t.Errorf("final stage is based on %s, want a distroless image", final.BaseName)
	}
	var user string
	var healthcheck *instructions.HealthCheckCommand
	for _, command := range final.Commands {
		switch c := command.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.HealthCheckCommand:
			healthcheck = c
		case *instructions.RunCommand:
			t.Errorf("final stage runs %q: it should only copy the standalone build", c.String())
		case *instructions.CopyCommand:
			if c.From != "build" {
				t.Errorf("final stage copies from %q: only the build stage's output belongs there", c.From)
			}
			for _, source := range c.SourcePaths {
				if source != "/app/.next/standalone" && source != "/cache" {
					t.Errorf("final stage copies %s: only the standalone server and the cache folder belong there", source)
				}
			}
		}
	}
	uid, _, _ := strings.Cut(user, ":")
	if uid == "" || uid == "0" || strings.Trim(uid, "0123456789") != "" {
		t.Errorf("final stage USER is %q, want a numeric non-root uid", user)
	}
	if healthcheck == nil || !strings.Contains(strings.Join(healthcheck.Health.Test, " "), "/api/health/ready") {
		t.Errorf("final stage has no HEALTHCHECK on /api/health/ready")
	}
	if _, err := os.Stat(filepath.Join(repoRoot(t), "app", "api", "health", "ready", "route.ts")); err != nil {
		t.Errorf("the health route the HEALTHCHECK calls is gone: %v", err)
	}
}
