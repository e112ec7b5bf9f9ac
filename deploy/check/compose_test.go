package check

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"sigs.k8s.io/yaml"
)

const composeFile = "kratos/docker-compose.yml"

// loadCompose loads the file as `docker compose` would: schema validation,
// interpolation from env (and nothing from the host), normalisation and the
// consistency checks (depends_on, volumes and networks that exist).
func loadCompose(t *testing.T, file string, env map[string]string, profiles ...string) (*types.Project, error) {
	t.Helper()
	details, err := loader.LoadConfigFiles(context.Background(), []string{file}, filepath.Dir(file))
	if err != nil {
		t.Fatal(err)
	}
	details.Environment = env
	return loader.LoadWithContext(context.Background(), *details, func(o *loader.Options) {
		o.Profiles = profiles
		o.ResolvePaths = true
	})
}

func mustLoadCompose(t *testing.T, env map[string]string, profiles ...string) *types.Project {
	t.Helper()
	project, err := loadCompose(t, filepath.Join(repoRoot(t), composeFile), env, profiles...)
	if err != nil {
		t.Fatalf("%s does not load: %v", composeFile, err)
	}
	return project
}

func serviceNames(project *types.Project) []string {
	names := project.ServiceNames()
	slices.Sort(names)
	return names
}

func TestComposeServices(t *testing.T) {
	if got, want := serviceNames(mustLoadCompose(t, nil)), []string{"kratos", "kratos-migrate", "kratos-secrets", "maildev"}; !slices.Equal(got, want) {
		t.Errorf("services %v, want %v", got, want)
	}
	withPostgres := mustLoadCompose(t, nil, "postgres")
	if !slices.Contains(serviceNames(withPostgres), "postgres") {
		t.Errorf("--profile postgres does not add the postgres service: %v", serviceNames(withPostgres))
	}
}

// The Kratos in compose is the version the project builds and configures.
func TestComposeKratosVersion(t *testing.T) {
	var config struct{ Version string }
	if err := yaml.Unmarshal(readRepoFile(t, "kratos/kratos.yml"), &config); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readRepoFile(t, "kratos/build/go.mod")), "github.com/ory/kratos "+config.Version) {
		t.Fatalf("kratos/build/go.mod does not build Kratos %s (kratos.yml's version)", config.Version)
	}
	project := mustLoadCompose(t, nil)
	for _, name := range []string{"kratos", "kratos-migrate"} {
		if image := project.Services[name].Image; image != "oryd/kratos:"+config.Version {
			t.Errorf("%s runs %s, want oryd/kratos:%s", name, image, config.Version)
		}
	}
}

// Published ports: Kratos public and MailDev's web UI for the browser; the
// admin API (no authentication), SMTP and PostgreSQL on loopback only.
func TestComposePorts(t *testing.T) {
	project := mustLoadCompose(t, nil, "postgres")
	loopbackOnly := map[uint32]bool{4434: true, 1025: true, 5432: true}
	published := map[string][]string{}
	for _, service := range project.Services {
		for _, port := range service.Ports {
			published[service.Name] = append(published[service.Name], port.HostIP+":"+port.Published+"->"+port.Protocol+"/"+strconv.FormatUint(uint64(port.Target), 10))
			if loopbackOnly[port.Target] && port.HostIP != "127.0.0.1" {
				t.Errorf("%s publishes %d on %q: it must be bound to 127.0.0.1 only", service.Name, port.Target, port.HostIP)
			}
		}
	}
	want := map[string][]string{
		"kratos":   {":4433->tcp/4433", "127.0.0.1:4434->tcp/4434"},
		"maildev":  {":1080->tcp/1080", "127.0.0.1:1025->tcp/1025"},
		"postgres": {"127.0.0.1:5432->tcp/5432"},
	}
	for name, ports := range want {
		got := published[name]
		slices.Sort(got)
		slices.Sort(ports)
		if !slices.Equal(got, ports) {
			t.Errorf("%s publishes %v, want %v", name, got, ports)
		}
	}
	for name := range published {
		if _, ok := want[name]; !ok {
			t.Errorf("%s publishes ports %v; nothing else should", name, published[name])
		}
	}
}

// DSN is interpolated: SQLite in a volume by default, the caller's DSN when set.
func TestComposeDSN(t *testing.T) {
	for _, c := range []struct{ env, want string }{
		{"", "sqlite:///var/lib/sqlite/db.sqlite?_fk=true&mode=rwc&_journal_mode=WAL&_busy_timeout=10000"},
		{"postgres://kratos:kratos@postgres:5432/kratos?sslmode=disable", "postgres://kratos:kratos@postgres:5432/kratos?sslmode=disable"},
	} {
		env := map[string]string{}
		if c.env != "" {
			env["DSN"] = c.env
		}
		project := mustLoadCompose(t, env)
		for _, name := range []string{"kratos", "kratos-migrate"} {
			if dsn := project.Services[name].Environment["DSN"]; dsn == nil || *dsn != c.want {
				t.Errorf("DSN=%q: %s gets DSN %v, want %q", c.env, name, dsn, c.want)
			}
		}
	}
}

// Kratos starts after its migration, which waits for the generated secrets;
// both Kratos commands read the same config layers, and those files exist.
func TestComposeKratosStartup(t *testing.T) {
	project := mustLoadCompose(t, nil)
	kratos, migrate := project.Services["kratos"], project.Services["kratos-migrate"]
	if dep, ok := kratos.DependsOn["kratos-migrate"]; !ok || dep.Condition != types.ServiceConditionCompletedSuccessfully {
		t.Errorf("kratos does not wait for kratos-migrate to complete: %+v", kratos.DependsOn)
	}
	if dep, ok := migrate.DependsOn["kratos-secrets"]; !ok || dep.Condition != types.ServiceConditionCompletedSuccessfully {
		t.Errorf("kratos-migrate does not wait for kratos-secrets: %+v", migrate.DependsOn)
	}
	if got := strings.Join(migrate.Command[:4], " "); got != "migrate sql -e --yes" {
		t.Errorf("kratos-migrate runs %q", got)
	}
	configs := func(command []string) []string {
		var files []string
		for i, arg := range command {
			if arg == "--config" && i+1 < len(command) {
				files = append(files, command[i+1])
			}
		}
		return files
	}
	if !slices.Equal(configs(kratos.Command), configs(migrate.Command)) || len(configs(kratos.Command)) == 0 {
		t.Errorf("kratos reads %v, kratos-migrate %v", configs(kratos.Command), configs(migrate.Command))
	}
	// ./ (kratos/) is mounted at /etc/config/kratos.
	for _, file := range configs(kratos.Command) {
		if rel, ok := strings.CutPrefix(file, "/etc/config/kratos/"); ok {
			if _, err := os.Stat(filepath.Join(repoRoot(t), "kratos", rel)); err != nil {
				t.Errorf("kratos reads %s, which is not in kratos/: %v", file, err)
			}
		}
	}
}

// The loader must be able to fail: a misspelt key, a reference to a missing
// service and a missing volume are each refused.
func TestComposeLoaderRefusesMistakes(t *testing.T) {
	original := string(readRepoFile(t, composeFile))
	for name, edit := range map[string][2]string{
		"misspelt key":      {"    ports:\n      - \"4433:4433\"", "    prots:\n      - \"4433:4433\""},
		"unknown service":   {"      maildev:\n        condition: service_started", "      mailhog:\n        condition: service_started"},
		"undeclared volume": {"volumes:\n  kratos-sqlite:\n", "volumes:\n"},
	} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(original, edit[0]) {
				t.Fatalf("%s no longer contains %q; update this test", composeFile, edit[0])
			}
			file := filepath.Join(t.TempDir(), "docker-compose.yml")
			if err := os.WriteFile(file, []byte(strings.Replace(original, edit[0], edit[1], 1)), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := loadCompose(t, file, nil); err == nil {
				t.Error("loaded without error")
			}
		})
	}
}
