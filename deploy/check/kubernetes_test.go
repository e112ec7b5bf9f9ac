package check

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

const exampleOverlay = "deploy/kubernetes/overlays/example"

// render runs kustomize (the Go API kubectl embeds, with its default load
// restrictor) on a kustomization folder and returns one YAML document per object.
func render(t *testing.T, dir string) [][]byte {
	t.Helper()
	resources, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		t.Fatalf("kustomize %s: %v", dir, err)
	}
	var docs [][]byte
	for _, resource := range resources.Resources() {
		doc, err := resource.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return docs
}

var strictDecoder = serializer.NewCodecFactory(scheme.Scheme, serializer.EnableStrict).UniversalDeserializer()

// decodeStrictly decodes with client-go's scheme, refusing unknown, misspelt
// and duplicated fields and kinds it does not know.
func decodeStrictly(doc []byte) (runtime.Object, error) {
	object, _, err := strictDecoder.Decode(doc, nil, nil)
	return object, err
}

// cluster is the rendered example overlay, typed.
type cluster struct {
	namespaces   []*corev1.Namespace
	configMaps   map[string]*corev1.ConfigMap
	deployments  []*appsv1.Deployment
	services     []*corev1.Service
	ingresses    []*networkingv1.Ingress
	policies     []*networkingv1.NetworkPolicy
	budgets      []*policyv1.PodDisruptionBudget
	renderedKind []string
}

func renderCluster(t *testing.T) *cluster {
	t.Helper()
	c := &cluster{configMaps: map[string]*corev1.ConfigMap{}}
	for _, doc := range render(t, filepath.Join(repoRoot(t), exampleOverlay)) {
		object, err := decodeStrictly(doc)
		if err != nil {
			t.Fatalf("strict decoding failed: %v\n%s", err, doc)
		}
		switch o := object.(type) {
		case *corev1.Namespace:
			c.namespaces = append(c.namespaces, o)
		case *corev1.ConfigMap:
			c.configMaps[o.Name] = o
		case *appsv1.Deployment:
			c.deployments = append(c.deployments, o)
		case *corev1.Service:
			c.services = append(c.services, o)
		case *networkingv1.Ingress:
			c.ingresses = append(c.ingresses, o)
		case *networkingv1.NetworkPolicy:
			c.policies = append(c.policies, o)
		case *policyv1.PodDisruptionBudget:
			c.budgets = append(c.budgets, o)
		default:
			t.Fatalf("no rule checks a %T yet; add one to this test", object)
		}
		c.renderedKind = append(c.renderedKind, fmt.Sprintf("%T", object))
	}
	return c
}

func (c *cluster) deployment(t *testing.T, name string) *appsv1.Deployment {
	t.Helper()
	for _, d := range c.deployments {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("no Deployment %s", name)
	return nil
}

func (c *cluster) service(name string) *corev1.Service {
	for _, s := range c.services {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// selected lists the Deployments whose pods a selector picks.
func (c *cluster) selected(t *testing.T, selector labels.Selector) []*appsv1.Deployment {
	t.Helper()
	var matched []*appsv1.Deployment
	for _, d := range c.deployments {
		if selector.Matches(labels.Set(d.Spec.Template.Labels)) {
			matched = append(matched, d)
		}
	}
	return matched
}

func mustSelector(t *testing.T, selector *metav1.LabelSelector) labels.Selector {
	t.Helper()
	s, err := metav1.LabelSelectorAsSelector(selector)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func containerPort(pod corev1.PodSpec, port intstr.IntOrString) (corev1.ContainerPort, bool) {
	for _, container := range pod.Containers {
		for _, p := range container.Ports {
			if port.Type == intstr.String && p.Name == port.StrVal || port.Type == intstr.Int && p.ContainerPort == port.IntVal {
				return p, true
			}
		}
	}
	return corev1.ContainerPort{}, false
}

// configMapName maps a rendered (hash-suffixed) ConfigMap name back to the one the sources use.
func (c *cluster) configMapByRef(name string) *corev1.ConfigMap {
	return c.configMaps[name]
}

func TestManifestsRenderAndDecodeStrictly(t *testing.T) {
	c := renderCluster(t)
	if len(c.deployments) != 4 || len(c.ingresses) != 1 {
		t.Errorf("rendered %v", c.renderedKind)
	}
}

// Strict decoding must be able to fail: a misspelt field, a field at the wrong
// level and a wrong type are each refused.
func TestStrictDecodingRefusesMistakes(t *testing.T) {
	var deployment []byte
	for _, doc := range render(t, filepath.Join(repoRoot(t), exampleOverlay)) {
		if bytes.Contains(doc, []byte("kind: Deployment")) && bytes.Contains(doc, []byte("name: selfservice-ui\n")) {
			deployment = doc
		}
	}
	for name, edit := range map[string][2]string{
		"misspelt field":  {"readinessProbe:", "readinesProbe:"},
		"wrong level":     {"        runAsNonRoot: true", "        runAsNonRoot: true\n        readOnlyRootFilesystem: true"},
		"wrong type":      {"replicas: 2", "replicas: two"},
		"duplicate field": {"replicas: 2", "replicas: 2\n  replicas: 3"},
	} {
		t.Run(name, func(t *testing.T) {
			if !bytes.Contains(deployment, []byte(edit[0])) {
				t.Fatalf("the rendered Deployment no longer contains %q", edit[0])
			}
			if _, err := decodeStrictly(bytes.Replace(deployment, []byte(edit[0]), []byte(edit[1]), 1)); err == nil {
				t.Error("decoded without error")
			}
		})
	}
}

// kubectl's own kustomize, where installed, renders the same objects.
func TestKubectlKustomizeRendersTheSame(t *testing.T) {
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl is not installed; the Go API above is the check")
	}
	out, err := exec.Command(kubectl, "kustomize", filepath.Join(repoRoot(t), exampleOverlay)).Output()
	if err != nil {
		t.Fatalf("kubectl kustomize: %v", err)
	}
	key := func(doc []byte) string {
		var meta struct {
			Kind     string
			Metadata struct{ Name, Namespace string }
		}
		if err := yaml.Unmarshal(doc, &meta); err != nil {
			t.Fatal(err)
		}
		return meta.Kind + "/" + meta.Metadata.Namespace + "/" + meta.Metadata.Name
	}
	var fromKubectl, fromGo []string
	for _, doc := range bytes.Split(out, []byte("\n---\n")) {
		fromKubectl = append(fromKubectl, key(doc))
	}
	for _, doc := range render(t, filepath.Join(repoRoot(t), exampleOverlay)) {
		fromGo = append(fromGo, key(doc))
	}
	sort.Strings(fromKubectl)
	sort.Strings(fromGo)
	if !slices.Equal(fromKubectl, fromGo) {
		t.Errorf("kubectl kustomize renders %v\nthe Go API renders %v", fromKubectl, fromGo)
	}
}

func TestSelectorsMatchPods(t *testing.T) {
	c := renderCluster(t)
	for _, d := range c.deployments {
		if !mustSelector(t, d.Spec.Selector).Matches(labels.Set(d.Spec.Template.Labels)) {
			t.Errorf("Deployment %s: selector %v does not match its pod labels %v", d.Name, d.Spec.Selector, d.Spec.Template.Labels)
		}
		// Two Deployments whose selectors overlap would fight over pods.
		if matched := c.selected(t, mustSelector(t, d.Spec.Selector)); len(matched) != 1 {
			t.Errorf("Deployment %s: its selector matches the pods of %d Deployments", d.Name, len(matched))
		}
	}
	for _, s := range c.services {
		matched := c.selected(t, labels.SelectorFromSet(s.Spec.Selector))
		if len(s.Spec.Selector) == 0 || len(matched) != 1 {
			t.Errorf("Service %s: selector %v matches %d Deployments, want 1", s.Name, s.Spec.Selector, len(matched))
			continue
		}
		if s.Spec.Type != corev1.ServiceTypeClusterIP {
			t.Errorf("Service %s is %s: only the Ingress is exposed", s.Name, s.Spec.Type)
		}
		for _, port := range s.Spec.Ports {
			if _, ok := containerPort(matched[0].Spec.Template.Spec, port.TargetPort); !ok {
				t.Errorf("Service %s: targetPort %s is no container port of %s", s.Name, port.TargetPort.String(), matched[0].Name)
			}
		}
	}
	for _, b := range c.budgets {
		if matched := c.selected(t, mustSelector(t, b.Spec.Selector)); len(matched) != 1 {
			t.Errorf("PodDisruptionBudget %s matches %d Deployments, want 1", b.Name, len(matched))
		}
	}
	for _, p := range c.policies {
		if matched := c.selected(t, mustSelector(t, &p.Spec.PodSelector)); len(matched) != 1 {
			t.Errorf("NetworkPolicy %s selects the pods of %d Deployments, want 1", p.Name, len(matched))
		}
	}
}

// documentedSecrets reads the table of Secrets an operator must create from
// deploy/kubernetes/README.md: rows of "| `secret` | `key` | ...".
func documentedSecrets(t *testing.T) map[string]bool {
	t.Helper()
	row := regexp.MustCompile("(?m)^\\| `([a-z0-9.-]+)` +\\| `([A-Za-z0-9._-]+)` +\\|")
	documented := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(readRepoFile(t, "deploy/kubernetes/README.md")), -1) {
		documented[m[1]+"/"+m[2]] = true
	}
	if len(documented) == 0 {
		t.Fatal("deploy/kubernetes/README.md documents no Secret")
	}
	return documented
}

// Every ConfigMap key a pod reads is rendered; every Secret key it reads is
// one the README tells the operator to create, and the README lists no other.
func TestReferencedConfigMapAndSecretKeysExist(t *testing.T) {
	c := renderCluster(t)
	documented := documentedSecrets(t)
	used := map[string]bool{}
	needConfigMapKey := func(where, name, key string) {
		cm := c.configMapByRef(name)
		if cm == nil {
			t.Errorf("%s: ConfigMap %s is not rendered", where, name)
			return
		}
		if _, ok := cm.Data[key]; key != "" && !ok {
			t.Errorf("%s: ConfigMap %s has no key %s", where, name, key)
		}
	}
	needSecretKey := func(where, name, key string) {
		used[name+"/"+key] = true
		if !documented[name+"/"+key] {
			t.Errorf("%s: Secret %s key %s is not in deploy/kubernetes/README.md's table", where, name, key)
		}
	}
	for _, d := range c.deployments {
		pod := d.Spec.Template.Spec
		for _, volume := range pod.Volumes {
			where := "Deployment " + d.Name + " volume " + volume.Name
			switch {
			case volume.ConfigMap != nil:
				needConfigMapKey(where, volume.ConfigMap.Name, "")
				for _, item := range volume.ConfigMap.Items {
					needConfigMapKey(where, volume.ConfigMap.Name, item.Key)
				}
			case volume.Secret != nil:
				if len(volume.Secret.Items) == 0 {
					t.Errorf("%s mounts all of Secret %s: name the keys (items) so each is documented", where, volume.Secret.SecretName)
				}
				for _, item := range volume.Secret.Items {
					needSecretKey(where, volume.Secret.SecretName, item.Key)
				}
			}
		}
		for _, container := range slices.Concat(pod.InitContainers, pod.Containers) {
			where := "Deployment " + d.Name + " container " + container.Name
			if len(container.EnvFrom) > 0 {
				t.Errorf("%s uses envFrom: name each variable so its key can be checked", where)
			}
			for _, env := range container.Env {
				if env.ValueFrom == nil {
					continue
				}
				if ref := env.ValueFrom.ConfigMapKeyRef; ref != nil {
					needConfigMapKey(where+" env "+env.Name, ref.Name, ref.Key)
				}
				if ref := env.ValueFrom.SecretKeyRef; ref != nil {
					needSecretKey(where+" env "+env.Name, ref.Name, ref.Key)
				}
			}
		}
	}
	for _, ingress := range c.ingresses {
		for _, tls := range ingress.Spec.TLS {
			needSecretKey("Ingress "+ingress.Name, tls.SecretName, "tls.crt")
			needSecretKey("Ingress "+ingress.Name, tls.SecretName, "tls.key")
		}
	}
	for key := range documented {
		if !used[key] {
			t.Errorf("deploy/kubernetes/README.md documents Secret key %s, which nothing reads", key)
		}
	}
}

// Long-running containers have readiness and liveness probes on ports they
// declare; every pod runs as a non-root user with a read-only root file
// system, no privilege escalation, no capabilities, the runtime's seccomp
// profile, no service-account token, and resource requests and a memory limit.
func TestPodsAreProbedAndLockedDown(t *testing.T) {
	c := renderCluster(t)
	for _, d := range c.deployments {
		pod := d.Spec.Template.Spec
		where := "Deployment " + d.Name
		if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
			t.Errorf("%s: automountServiceAccountToken is not false", where)
		}
		ps := pod.SecurityContext
		if ps == nil || ps.RunAsNonRoot == nil || !*ps.RunAsNonRoot || ps.RunAsUser == nil || *ps.RunAsUser == 0 {
			t.Errorf("%s: the pod does not run as a numeric non-root user", where)
		}
		if ps == nil || ps.SeccompProfile == nil || ps.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
			t.Errorf("%s: no RuntimeDefault seccomp profile", where)
		}
		if pod.HostNetwork || pod.HostPID || pod.HostIPC {
			t.Errorf("%s shares a host namespace", where)
		}
		for _, container := range pod.InitContainers {
			checkContainerLockdown(t, where+" init container "+container.Name, container)
		}
		for _, container := range pod.Containers {
			at := where + " container " + container.Name
			checkContainerLockdown(t, at, container)
			for kind, probe := range map[string]*corev1.Probe{"readiness": container.ReadinessProbe, "liveness": container.LivenessProbe} {
				if probe == nil {
					t.Errorf("%s has no %s probe", at, kind)
					continue
				}
				var port intstr.IntOrString
				switch {
				case probe.HTTPGet != nil:
					port = probe.HTTPGet.Port
				case probe.TCPSocket != nil:
					port = probe.TCPSocket.Port
				default:
					t.Errorf("%s: %s probe is neither HTTP nor TCP", at, kind)
					continue
				}
				if _, ok := containerPort(corev1.PodSpec{Containers: []corev1.Container{container}}, port); !ok {
					t.Errorf("%s: %s probe port %s is not one of its ports", at, kind, port.String())
				}
			}
		}
	}
}

func checkContainerLockdown(t *testing.T, where string, container corev1.Container) {
	t.Helper()
	sc := container.SecurityContext
	if sc == nil {
		t.Errorf("%s has no securityContext", where)
		return
	}
	if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		t.Errorf("%s: allowPrivilegeEscalation is not false", where)
	}
	if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		t.Errorf("%s: the root file system is writable", where)
	}
	if sc.Privileged != nil && *sc.Privileged {
		t.Errorf("%s is privileged", where)
	}
	if sc.RunAsUser != nil && *sc.RunAsUser == 0 || sc.RunAsNonRoot != nil && !*sc.RunAsNonRoot {
		t.Errorf("%s overrides the pod's non-root user", where)
	}
	if sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") || len(sc.Capabilities.Add) > 0 {
		t.Errorf("%s: capabilities are not all dropped", where)
	}
	requests, limits := container.Resources.Requests, container.Resources.Limits
	if requests.Cpu().IsZero() || requests.Memory().IsZero() || limits.Memory().IsZero() {
		t.Errorf("%s: needs cpu and memory requests and a memory limit", where)
	}
}

// The admin API (no authentication) is reachable only from this UI's pods:
// no Ingress path leads to it, and a NetworkPolicy selecting the Kratos pods
// admits its port from the UI's pods alone.
func TestAdminAPIIsPrivate(t *testing.T) {
	c := renderCluster(t)
	kratos := c.deployment(t, "kratos")
	adminPort, ok := containerPort(kratos.Spec.Template.Spec, intstr.FromString("admin"))
	if !ok {
		t.Fatal("the kratos container has no port named admin")
	}
	isAdmin := func(p corev1.ContainerPort) bool { return p.ContainerPort == adminPort.ContainerPort }

	routed := 0
	for _, ingress := range c.ingresses {
		for _, rule := range ingress.Spec.Rules {
			if rule.HTTP == nil {
				continue
			}
			for _, path := range rule.HTTP.Paths {
				backend := path.Backend.Service
				if backend == nil {
					t.Errorf("Ingress %s %s%s: not a Service backend", ingress.Name, rule.Host, path.Path)
					continue
				}
				routed++
				service := c.service(backend.Name)
				if service == nil {
					t.Errorf("Ingress %s %s%s: no Service %s", ingress.Name, rule.Host, path.Path, backend.Name)
					continue
				}
				for _, port := range service.Spec.Ports {
					if backend.Port.Name != "" && port.Name != backend.Port.Name || backend.Port.Name == "" && port.Port != backend.Port.Number {
						continue
					}
					for _, d := range c.selected(t, labels.SelectorFromSet(service.Spec.Selector)) {
						if p, ok := containerPort(d.Spec.Template.Spec, port.TargetPort); ok && d.Name == "kratos" && isAdmin(p) {
							t.Errorf("Ingress %s routes %s%s to Kratos's admin port", ingress.Name, rule.Host, path.Path)
						}
					}
				}
			}
		}
	}
	if routed == 0 {
		t.Error("the Ingress routes nothing")
	}
	if ingress := c.ingresses[0]; ingress.Spec.DefaultBackend != nil {
		t.Errorf("Ingress %s has a default backend", ingress.Name)
	}

	ui := c.deployment(t, "selfservice-ui")
	admitted := false
	for _, policy := range c.policies {
		if !mustSelector(t, &policy.Spec.PodSelector).Matches(labels.Set(kratos.Spec.Template.Labels)) {
			continue
		}
		if !slices.Contains(policy.Spec.PolicyTypes, networkingv1.PolicyTypeIngress) {
			t.Errorf("NetworkPolicy %s does not restrict ingress", policy.Name)
		}
		for _, rule := range policy.Spec.Ingress {
			coversAdmin := len(rule.Ports) == 0
			for _, port := range rule.Ports {
				if port.Port == nil {
					coversAdmin = true
				} else if p, ok := containerPort(kratos.Spec.Template.Spec, *port.Port); !ok {
					t.Errorf("NetworkPolicy %s names port %s, which the kratos pods lack", policy.Name, port.Port.String())
				} else if isAdmin(p) {
					coversAdmin = true
				}
			}
			if !coversAdmin {
				continue
			}
			if len(rule.From) == 0 {
				t.Errorf("NetworkPolicy %s admits everyone to the admin port", policy.Name)
			}
			for _, peer := range rule.From {
				if peer.IPBlock != nil || peer.NamespaceSelector != nil || peer.PodSelector == nil {
					t.Errorf("NetworkPolicy %s admits a peer other than pods of this namespace to the admin port: %+v", policy.Name, peer)
					continue
				}
				matched := c.selected(t, mustSelector(t, peer.PodSelector))
				if len(matched) != 1 || matched[0] != ui {
					t.Errorf("NetworkPolicy %s admits %d Deployments' pods to the admin port, want only selfservice-ui", policy.Name, len(matched))
					continue
				}
				admitted = true
			}
		}
	}
	if !admitted {
		t.Error("no NetworkPolicy admits the UI's pods to Kratos's admin port (and so none restricts it)")
	}
}

// The app runs as two replicas, with a PodDisruptionBudget, a writable cache
// folder on an emptyDir, and the Redis address for shared rate-limit state.
func TestSelfServiceUIDeployment(t *testing.T) {
	c := renderCluster(t)
	ui := c.deployment(t, "selfservice-ui")
	if ui.Spec.Replicas == nil || *ui.Spec.Replicas != 2 {
		t.Errorf("selfservice-ui replicas = %v, want 2", ui.Spec.Replicas)
	}
	budgeted := false
	for _, b := range c.budgets {
		if mustSelector(t, b.Spec.Selector).Matches(labels.Set(ui.Spec.Template.Labels)) && b.Spec.MinAvailable != nil && b.Spec.MinAvailable.IntValue() >= 1 {
			budgeted = true
		}
	}
	if !budgeted {
		t.Error("no PodDisruptionBudget keeps a selfservice-ui pod available")
	}
	container := ui.Spec.Template.Spec.Containers[0]
	cacheOnEmptyDir := false
	for _, mount := range container.VolumeMounts {
		for _, volume := range ui.Spec.Template.Spec.Volumes {
			if volume.Name == mount.Name && volume.EmptyDir != nil && mount.MountPath == "/app/.next/cache" {
				cacheOnEmptyDir = true
			}
		}
	}
	if !cacheOnEmptyDir {
		t.Error("selfservice-ui: /app/.next/cache, where Next writes, is not an emptyDir")
	}
	// A rolling update or a drain must not fail requests: the pod keeps serving
	// until the endpoints have dropped it, then drains within the grace period.
	pause := int64(0)
	if container.Lifecycle != nil && container.Lifecycle.PreStop != nil && container.Lifecycle.PreStop.Sleep != nil {
		pause = container.Lifecycle.PreStop.Sleep.Seconds
	}
	if pause < 5 {
		t.Errorf("selfservice-ui: preStop pauses %d s, want at least 5 s (a sleep action: the image has no shell)", pause)
	}
	grace := int64(30) // Kubernetes's default
	if ui.Spec.Template.Spec.TerminationGracePeriodSeconds != nil {
		grace = *ui.Spec.Template.Spec.TerminationGracePeriodSeconds
	}
	// After the signal the app serves SHUTDOWN_DELAY_MS more (lib/config/env.ts: 5 s unless set),
	// then gives requests in flight 30 s.
	delay := int64(5)
	for _, e := range container.Env {
		if e.Name == "SHUTDOWN_DELAY_MS" {
			ms, err := strconv.ParseInt(e.Value, 10, 64)
			if err != nil {
				t.Fatalf("selfservice-ui SHUTDOWN_DELAY_MS = %q", e.Value)
			}
			delay = (ms + 999) / 1000
		}
	}
	if grace < pause+delay+30 {
		t.Errorf("selfservice-ui: terminationGracePeriodSeconds %d is less than the %d s pause, the %d s delay and 30 s for requests in flight", grace, pause, delay)
	}
	env := map[string]corev1.EnvVar{}
	for _, e := range container.Env {
		env[e.Name] = e
	}
	for _, name := range []string{"APP_URL", "KRATOS_PUBLIC_URL", "KRATOS_BROWSER_URL", "KRATOS_ADMIN_URL", "REDIS_URL"} {
		if _, ok := env[name]; !ok {
			t.Errorf("selfservice-ui has no %s", name)
		}
	}
	for name, service := range map[string]string{"KRATOS_PUBLIC_URL": "kratos-public", "KRATOS_ADMIN_URL": "kratos-admin", "REDIS_URL": "redis"} {
		u, err := url.Parse(strings.ReplaceAll(env[name].Value, "$(REDIS_PASSWORD)", "x"))
		if err != nil || u.Hostname() != service || c.service(service) == nil {
			t.Errorf("selfservice-ui %s = %q, want the Service %s", name, env[name].Value, service)
			continue
		}
		if !slices.ContainsFunc(c.service(service).Spec.Ports, func(p corev1.ServicePort) bool { return fmt.Sprint(p.Port) == u.Port() }) {
			t.Errorf("selfservice-ui %s = %q: Service %s has no port %s", name, env[name].Value, service, u.Port())
		}
	}
}

// Every Kratos process (server, migration, courier) reads the same config
// layers, each a key of a volume it mounts; the server has no --dev and no
// courier; the migration is an init container; the courier is its own Deployment.
func TestKratosProcesses(t *testing.T) {
	c := renderCluster(t)
	kratos, courier := c.deployment(t, "kratos"), c.deployment(t, "kratos-courier")
	type process struct {
		deployment *appsv1.Deployment
		container  corev1.Container
		command    string
	}
	if len(kratos.Spec.Template.Spec.InitContainers) != 1 {
		t.Fatal("kratos has no migration init container")
	}
	processes := []process{
		{kratos, kratos.Spec.Template.Spec.InitContainers[0], "migrate sql -e --yes"},
		{kratos, kratos.Spec.Template.Spec.Containers[0], "serve"},
		{courier, courier.Spec.Template.Spec.Containers[0], "courier watch"},
	}
	var layers []string
	for _, p := range processes {
		at := p.deployment.Name + " " + p.container.Name
		if !strings.HasPrefix(strings.Join(p.container.Args, " "), p.command+" ") {
			t.Errorf("%s runs %q, want %q", at, p.container.Args, p.command)
		}
		if slices.Contains(p.container.Args, "--dev") || slices.Contains(p.container.Args, "--watch-courier") {
			t.Errorf("%s runs with %q: no --dev in production, and the courier runs once", at, p.container.Args)
		}
		var configs []string
		for i, arg := range p.container.Args {
			if arg == "--config" || arg == "-c" {
				configs = append(configs, p.container.Args[i+1])
			}
		}
		if layers == nil {
			layers = configs
		} else if !slices.Equal(configs, layers) {
			t.Errorf("%s reads %v, the migration %v", at, configs, layers)
		}
		for _, file := range configs {
			if !mountsKey(c, p.deployment.Spec.Template.Spec, p.container, file) {
				t.Errorf("%s reads %s, which no mounted ConfigMap or Secret key provides", at, file)
			}
		}
		if _, ok := envVar(p.container, "DSN"); !ok {
			t.Errorf("%s has no DSN", at)
		}
	}
	if uri, ok := envVar(processes[2].container, "COURIER_SMTP_CONNECTION_URI"); !ok || uri.ValueFrom == nil || uri.ValueFrom.SecretKeyRef == nil {
		t.Error("the courier's SMTP URI (with its credentials) does not come from a Secret")
	}
	if courier.Spec.Replicas == nil || *courier.Spec.Replicas != 1 || courier.Spec.Strategy.Type != appsv1.RecreateDeploymentStrategyType {
		t.Error("more than one courier could run at once")
	}
}

func envVar(container corev1.Container, name string) (corev1.EnvVar, bool) {
	for _, e := range container.Env {
		if e.Name == name {
			return e, true
		}
	}
	return corev1.EnvVar{}, false
}

// mountsKey tells whether file is a key of a ConfigMap or Secret the container mounts.
func mountsKey(c *cluster, pod corev1.PodSpec, container corev1.Container, file string) bool {
	for _, mount := range container.VolumeMounts {
		rel, ok := strings.CutPrefix(file, strings.TrimSuffix(mount.MountPath, "/")+"/")
		if !ok {
			continue
		}
		for _, volume := range pod.Volumes {
			if volume.Name != mount.Name {
				continue
			}
			switch {
			case volume.ConfigMap != nil:
				if cm := c.configMapByRef(volume.ConfigMap.Name); cm != nil && len(volume.ConfigMap.Items) == 0 {
					_, ok := cm.Data[rel]
					return ok
				}
				return slices.ContainsFunc(volume.ConfigMap.Items, func(i corev1.KeyToPath) bool { return i.Path == rel })
			case volume.Secret != nil:
				return slices.ContainsFunc(volume.Secret.Items, func(i corev1.KeyToPath) bool { return i.Path == rel })
			}
		}
	}
	return false
}

// The Kratos ConfigMaps hold the files in kratos/ byte for byte (one source),
// and every mail template is mounted back at its path.
func TestKratosConfigIsGeneratedFromTheRepository(t *testing.T) {
	c := renderCluster(t)
	config := configMapNamed(t, c, "kratos-config")
	for key, file := range map[string]string{
		"kratos.yml":             "kratos.yml",
		"identity.schema.json":   "identity.schema.json",
		"hooks.identity.jsonnet": "hooks/identity.jsonnet",
		"courier.sms.jsonnet":    "courier/sms.jsonnet",
	} {
		if config.Data[key] != string(readRepoFile(t, "kratos/"+file)) {
			t.Errorf("ConfigMap kratos-config's %s differs from kratos/%s", key, file)
		}
	}
	layers := configMapNamed(t, c, "kratos-layers")
	for key, file := range map[string]string{
		"production.yml": "deploy/kubernetes/base/kratos.production.yml",
		"domain.yml":     exampleOverlay + "/kratos.domain.yml",
	} {
		if layers.Data[key] != string(readRepoFile(t, file)) {
			t.Errorf("ConfigMap kratos-layers's %s differs from %s", key, file)
		}
	}

	templates := configMapNamed(t, c, "kratos-templates")
	courier := c.deployment(t, "kratos-courier")
	mounted := map[string]string{}
	for _, volume := range courier.Spec.Template.Spec.Volumes {
		if volume.ConfigMap != nil && volume.ConfigMap.Name == templates.Name {
			for _, item := range volume.ConfigMap.Items {
				mounted[item.Path] = item.Key
			}
		}
	}
	root := filepath.Join(repoRoot(t), "kratos", "templates")
	count := 0
	err := filepath.WalkDir(root, func(path string, entry os.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		count++
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		key, ok := mounted[rel]
		if !ok {
			t.Errorf("kratos/templates/%s is not mounted in the courier", rel)
			return nil
		}
		content, _ := os.ReadFile(path)
		if templates.Data[key] != string(content) {
			t.Errorf("kratos-templates key %s differs from kratos/templates/%s", key, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count == 0 || len(mounted) != count {
		t.Errorf("%d template files, %d mounted", count, len(mounted))
	}
}

// configMapNamed finds a generated ConfigMap by the name the sources give it.
func configMapNamed(t *testing.T, c *cluster, name string) *corev1.ConfigMap {
	t.Helper()
	for rendered, cm := range c.configMaps {
		if rendered == name || strings.HasPrefix(rendered, name+"-") && !strings.Contains(rendered[len(name)+1:], "-") {
			return cm
		}
	}
	t.Fatalf("no ConfigMap %s rendered", name)
	return nil
}

// mergeKratosConfig merges config layers as Kratos does: maps key by key,
// anything else (arrays too) replaced whole.
func mergeKratosConfig(base, overlay any) any {
	b, bok := base.(map[string]any)
	o, ook := overlay.(map[string]any)
	if !bok || !ook {
		return overlay
	}
	merged := map[string]any{}
	for k, v := range b {
		merged[k] = v
	}
	for k, v := range o {
		merged[k] = mergeKratosConfig(b[k], v)
	}
	return merged
}

func lookup(config any, path ...string) any {
	for _, key := range path {
		m, ok := config.(map[string]any)
		if !ok {
			return nil
		}
		config = m[key]
	}
	return config
}

// walkStrings calls visit with every string in the config and its path.
func walkStrings(node any, path string, visit func(path, value string)) {
	switch n := node.(type) {
	case map[string]any:
		for k, v := range n {
			walkStrings(v, path+"."+k, visit)
		}
	case []any:
		for i, v := range n {
			walkStrings(v, fmt.Sprintf("%s[%d]", path, i), visit)
		}
	case string:
		visit(path, n)
	}
}

// The merged cluster config leaves nothing of kratos.yml's localhost behind,
// and agrees with the UI's environment on every address and the cookie domain.
func TestKratosConfigAgreesWithTheUI(t *testing.T) {
	c := renderCluster(t)
	var merged any
	config, layers := configMapNamed(t, c, "kratos-config"), configMapNamed(t, c, "kratos-layers")
	secretsLayer := generatedSecretsLayer(t)
	for _, layer := range []string{config.Data["kratos.yml"], layers.Data["production.yml"], layers.Data["domain.yml"], secretsLayer} {
		var parsed any
		if err := yaml.Unmarshal([]byte(layer), &parsed); err != nil {
			t.Fatal(err)
		}
		merged = mergeKratosConfig(merged, parsed)
	}
	domain := configMapNamed(t, c, "selfservice-ui-domain").Data
	appURL, browserURL := domain["APP_URL"], domain["KRATOS_BROWSER_URL"]

	hookURLs := webHookURLs(merged)
	if len(hookURLs) == 0 {
		t.Error("no web hook in the cluster config: the UI would never learn of new identities")
	}
	for path, raw := range hookURLs {
		// Server to server, inside the cluster: the UI's own Service, never the public Ingress.
		u, err := url.Parse(raw)
		service := c.service(u.Hostname())
		if err != nil || service == nil || !selectsUI(service) || !servicePortExists(service, u.Port()) || !strings.HasPrefix(u.Path, "/internal/") {
			t.Errorf("Kratos web hook %s = %q does not call /internal/ on a Service of the UI's pods", path, raw)
		}
	}
	walkStrings(merged, "", func(path, value string) {
		if _, isHook := hookURLs[path]; isHook {
			return
		}
		if strings.Contains(value, "localhost") || strings.Contains(value, "127.0.0.1") {
			t.Errorf("Kratos config %s = %q: a development address left in the cluster config", path, value)
		}
		if u, err := url.Parse(value); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			internal := !strings.Contains(u.Hostname(), ".")
			if !internal && u.Scheme != "https" {
				t.Errorf("Kratos config %s = %q is not https", path, value)
			}
			if strings.Contains(path, "selfservice") && !strings.HasPrefix(value, appURL) {
				t.Errorf("Kratos config %s = %q is not under the UI's APP_URL %s", path, value, appURL)
			}
		}
	})
	// Files the config names relative to Kratos's working directory (schema, Jsonnet bodies) are mounted there.
	walkStrings(merged, "", func(path, value string) {
		rel, ok := strings.CutPrefix(value, "file://./")
		if !ok {
			return
		}
		for _, name := range []string{"kratos", "kratos-courier"} {
			deployment := c.deployment(t, name)
			container := deployment.Spec.Template.Spec.Containers[0]
			if !mountsKey(c, deployment.Spec.Template.Spec, container, container.WorkingDir+"/"+rel) {
				t.Errorf("Kratos config %s = %q: %s does not mount it in its working directory", path, value, name)
			}
		}
	})
	if got := lookup(merged, "serve", "public", "base_url"); got != browserURL+"/" {
		t.Errorf("serve.public.base_url = %v, the UI's KRATOS_BROWSER_URL = %s", got, browserURL)
	}
	for _, path := range [][]string{{"session", "cookie", "domain"}, {"cookies", "domain"}} {
		if got := lookup(merged, path...); got != domain["KRATOS_COOKIE_DOMAIN"] {
			t.Errorf("%s = %v, the UI's KRATOS_COOKIE_DOMAIN = %s", strings.Join(path, "."), got, domain["KRATOS_COOKIE_DOMAIN"])
		}
	}
	if dev := lookup(merged, "dev"); dev == true {
		t.Error("the cluster config turns on dev mode")
	}
	if u, _ := url.Parse(appURL); u == nil || !strings.HasSuffix(u.Hostname(), "."+domain["KRATOS_COOKIE_DOMAIN"]) {
		t.Errorf("APP_URL %s is not under the cookie domain %s", appURL, domain["KRATOS_COOKIE_DOMAIN"])
	}
	// The courier finds its templates where the production layer says.
	path, _ := lookup(merged, "courier", "template_override_path").(string)
	courier := c.deployment(t, "kratos-courier").Spec.Template.Spec.Containers[0]
	if !slices.ContainsFunc(courier.VolumeMounts, func(m corev1.VolumeMount) bool { return m.MountPath == path }) {
		t.Errorf("courier.template_override_path %q is not where the courier mounts the templates", path)
	}
}

// generatedSecretsLayer is what scripts/kratos-cluster-secrets.mjs writes into the
// kratos-secrets Secret (deploy/kubernetes/README.md), with throw-away values.
func generatedSecretsLayer(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("node", "scripts/kratos-cluster-secrets.mjs", "--overlay="+exampleOverlay)
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(),
		"WEBHOOK_API_KEY="+strings.Repeat("k", 64),
		"KRATOS_COOKIE_SECRET="+strings.Repeat("c", 64),
		"KRATOS_CIPHER_SECRET="+strings.Repeat("x", 32),
	)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/kratos-cluster-secrets.mjs: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(string(out), strings.Repeat("k", 64)) {
		t.Fatal("the generated layer does not carry the web hooks' key")
	}
	return string(out)
}

// webHookURLs maps the config path of every web_hook's url to its value.
func webHookURLs(config any) map[string]string {
	found := map[string]string{}
	var walk func(node any, path string)
	walk = func(node any, path string) {
		switch n := node.(type) {
		case map[string]any:
			if n["hook"] == "web_hook" {
				if cfg, ok := n["config"].(map[string]any); ok {
					if u, ok := cfg["url"].(string); ok {
						found[path+".config.url"] = u
					}
				}
			}
			for k, v := range n {
				walk(v, path+"."+k)
			}
		case []any:
			for i, v := range n {
				walk(v, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(config, "")
	return found
}

func selectsUI(service *corev1.Service) bool {
	return service.Spec.Selector["app.kubernetes.io/name"] == "selfservice-ui"
}

func servicePortExists(service *corev1.Service, port string) bool {
	return slices.ContainsFunc(service.Spec.Ports, func(p corev1.ServicePort) bool { return fmt.Sprint(p.Port) == port })
}

// The UI's /metrics is scraped on a port of its own that the public never
// reaches: the pod annotations name a declared container port that METRICS_PORT
// serves, and no Service port (so no Ingress backend) leads to it. Readiness
// and liveness are separate routes.
func TestMetricsAreScrapedButNotPublic(t *testing.T) {
	c := renderCluster(t)
	ui := c.deployment(t, "selfservice-ui")
	annotations := ui.Spec.Template.Annotations
	if annotations["prometheus.io/scrape"] != "true" || annotations["prometheus.io/path"] != "/metrics" {
		t.Fatalf("selfservice-ui pods are not annotated for scraping /metrics: %v", annotations)
	}
	port := annotations["prometheus.io/port"]
	container := ui.Spec.Template.Spec.Containers[0]
	declared, ok := containerPort(ui.Spec.Template.Spec, intstr.Parse(port))
	if !ok {
		t.Fatalf("prometheus.io/port %q is not a container port of selfservice-ui", port)
	}
	metricsPort := ""
	for _, e := range container.Env {
		if e.Name == "METRICS_PORT" {
			metricsPort = e.Value
		}
	}
	if metricsPort != port {
		t.Errorf("METRICS_PORT = %q, but the scrape annotation says %q", metricsPort, port)
	}
	for _, s := range c.services {
		if !labels.SelectorFromSet(s.Spec.Selector).Matches(labels.Set(ui.Spec.Template.Labels)) || len(s.Spec.Selector) == 0 {
			continue
		}
		for _, p := range s.Spec.Ports {
			if p.TargetPort.String() == declared.Name || p.TargetPort.IntValue() == int(declared.ContainerPort) || p.Port == declared.ContainerPort {
				t.Errorf("Service %s port %s leads to the metrics port: /metrics would be reachable through it", s.Name, p.Name)
			}
		}
	}
	if container.ReadinessProbe == nil || container.LivenessProbe == nil ||
		container.ReadinessProbe.HTTPGet == nil || container.LivenessProbe.HTTPGet == nil {
		t.Fatal("selfservice-ui needs HTTP readiness and liveness probes")
	}
	if got := container.ReadinessProbe.HTTPGet.Path; got != "/api/health/ready" {
		t.Errorf("readiness probe path = %s, want /api/health/ready", got)
	}
	if got := container.LivenessProbe.HTTPGet.Path; got != "/api/health" {
		t.Errorf("liveness probe path = %s, want /api/health", got)
	}
}
