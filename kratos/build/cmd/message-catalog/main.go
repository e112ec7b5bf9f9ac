// Command message-catalog writes lib/i18n/messages/en.ts, the English message
// catalog, and lib/i18n/messages/en-placeholders.ts, the placeholders each English
// template uses, from the `text` package of the Kratos version this module
// requires.
//
// It lives in the wrapper module that builds Kratos so that the module system
// resolves the very Kratos source the binary is built from (same version, same
// replaces). It imports only the standard library, so go.mod and go.sum stay
// as they are, and scripts/kratos-binary.mjs, which keys its cache by a hash of
// go.mod, go.sum and main.go, does not rebuild Kratos because of it.
//
// text/id.go gives every message id a constant of type ID (its value
// computed here by go/types, iota and all); the constructors in text/message_*.go give each id its English
// text and its `context`. A constant text becomes a template as is; a
// fmt.Sprintf text becomes a template whose verbs are `{key}` placeholders,
// where `key` is the context key holding the same parameter the verb prints.
// Anything else (texts built from computed values, verbs we cannot reproduce
// from the JSON context) is left out and listed in the catalog's header
// comment, so uiText shows Kratos's own text for those ids.
//
// Usage, from kratos/build: go run ./cmd/message-catalog [-check] [-out lib/i18n/messages/en.ts]
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf16"
)

const textPackage = "github.com/ory/kratos/text"

func main() {
	out := flag.String("out", "lib/i18n/messages/en.ts", "where to write the English catalog, relative to the repository root")
	placeholdersOut := flag.String("placeholders", "lib/i18n/messages/en-placeholders.ts", "where to write the placeholders of each English template, relative to the repository root")
	check := flag.Bool("check", false, "write nothing; fail when a file differs from what would be written")
	flag.Parse()
	if err := run(*out, *placeholdersOut, *check); err != nil {
		fmt.Fprintln(os.Stderr, "message-catalog:", err)
		os.Exit(1)
	}
}

func run(out, placeholdersOut string, check bool) error {
	gomod, err := goCmd("env", "GOMOD")
	if err != nil {
		return err
	}
	// The module lives in <repo>/kratos/build.
	repoRoot := filepath.Dir(filepath.Dir(filepath.Dir(strings.TrimSpace(gomod))))
	version, err := goCmd("list", "-m", "-f", "{{.Version}}", "github.com/ory/kratos")
	if err != nil {
		return err
	}
	version = strings.TrimSpace(version)
	pkg, err := load()
	if err != nil {
		return err
	}
	c, err := build(pkg)
	if err != nil {
		return err
	}
	files := map[string]string{out: renderCatalog(c, version), placeholdersOut: renderPlaceholders(c, version)}
	var stale []string
	for _, name := range []string{out, placeholdersOut} {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(repoRoot, name)
		}
		if check {
			if current, err := os.ReadFile(path); err != nil || string(current) != files[name] {
				stale = append(stale, name)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(files[name]), 0o644); err != nil {
			return err
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("not what Kratos %s's text package gives: %s; run `npm run messages:generate`", version, strings.Join(stale, ", "))
	}
	verb := "Wrote"
	if check {
		verb = "Checked"
	}
	fmt.Fprintf(os.Stderr, "%s %s: %d ids from %d constructors, %d left out (%s).\n",
		verb, out, len(c.templates), c.constructors, len(c.skipped), joinInts(c.skippedIDs(), ", "))
	return nil
}

// goCmd runs the go command in this module with the local toolchain and the
// module graph read-only, as scripts/kratos-binary.mjs builds Kratos.
func goCmd(args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return string(out), nil
}

// textPkg is the type-checked text package and its parsed message_*.go files.
type textPkg struct {
	info     *types.Info
	pkg      *types.Package
	messages []*ast.File // message_*.go, sorted by name
}

// load parses the text package's sources and type-checks them against the
// compiled export data of its imports, which `go list -export` takes from the
// build cache the Kratos build filled (a second or so, not a compile from source).
func load() (*textPkg, error) {
	listed, err := goCmd("list", "-export", "-deps", "-json=ImportPath,Dir,GoFiles,Export", textPackage)
	if err != nil {
		return nil, err
	}
	type listedPkg struct {
		ImportPath, Dir, Export string
		GoFiles                 []string
	}
	exports := map[string]string{}
	var text listedPkg
	for dec := json.NewDecoder(strings.NewReader(listed)); ; {
		var p listedPkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		exports[p.ImportPath] = p.Export
		if p.ImportPath == textPackage {
			text = p
		}
	}
	fset := token.NewFileSet()
	var files, messages []*ast.File
	names := slices.Sorted(slices.Values(text.GoFiles))
	for _, name := range names {
		f, err := parser.ParseFile(fset, filepath.Join(text.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
		if strings.HasPrefix(name, "message_") {
			messages = append(messages, f)
		}
	}
	lookup := func(path string) (io.ReadCloser, error) { return os.Open(exports[path]) }
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
	pkg, err := conf.Check(textPackage, fset, files, info)
	if err != nil {
		return nil, err
	}
	return &textPkg{info: info, pkg: pkg, messages: messages}, nil
}

// constructor is one func New…(…) *Message of the text package.
type constructor struct {
	name    string
	sig     *types.Signature
	id      int64
	text    ast.Expr
	context map[string]ast.Expr // nil when the Message has no Context
	keys    []string            // context keys in source order
}

// catalog is what the generated files say.
type catalog struct {
	templates     map[int64]string
	placeholders  map[int64][]string // placeholder names of each template, in order of first use
	skipped       map[int64]string   // why an id Kratos builds has no template
	unconstructed []idConst          // ids no constructor builds
	constructors  int
}

type idConst struct {
	name  string
	value int64
}

func (c *catalog) skippedIDs() []int64 { return sortedKeys(c.skipped) }

func build(p *textPkg) (*catalog, error) {
	// Every constant of type text.ID, by value: the type checker has done the iota arithmetic.
	idType := p.pkg.Scope().Lookup("ID").Type()
	var ids []idConst
	for _, name := range p.pkg.Scope().Names() {
		if k, ok := p.pkg.Scope().Lookup(name).(*types.Const); ok && types.Identical(k.Type(), idType) {
			v, _ := constant.Int64Val(k.Val())
			ids = append(ids, idConst{name, v})
		}
	}
	messageType := p.pkg.Scope().Lookup("Message").Type()

	type entry struct {
		names     []string
		templates []string
		keys      [][]string
		skips     []string
	}
	byID := map[int64]*entry{}
	c := &catalog{templates: map[int64]string{}, placeholders: map[int64][]string{}, skipped: map[int64]string{}}
	for _, f := range p.messages {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil { // constructors are functions, not methods
				continue
			}
			sig := p.info.Defs[fn.Name].Type().(*types.Signature)
			if sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.NewPointer(messageType)) {
				continue
			}
			k, err := readConstructor(p, fn, sig, messageType)
			if err != nil {
				return nil, err
			}
			c.constructors++
			e := byID[k.id]
			if e == nil {
				e = &entry{}
				byID[k.id] = e
			}
			e.names = append(e.names, k.name)
			t := &templateBuilder{p: p, k: k}
			if err := t.template(); err != nil {
				var skip skipError
				if !errors.As(err, &skip) {
					return nil, err
				}
				e.skips = append(e.skips, k.name+": "+string(skip))
			} else if !slices.Contains(e.templates, t.out) {
				e.templates = append(e.templates, t.out)
				e.keys = append(e.keys, t.keys)
			}
		}
	}
	if c.constructors == 0 {
		return nil, errors.New("no message constructors in " + textPackage)
	}
	for id, e := range byID {
		switch {
		case len(e.skips) > 0:
			c.skipped[id] = strings.Join(e.skips, "; ")
		case len(e.templates) > 1:
			c.skipped[id] = strings.Join(e.names, ", ") + " build different texts"
		default:
			c.templates[id] = e.templates[0]
			c.placeholders[id] = e.keys[0]
		}
	}
	for _, id := range ids {
		if byID[id.value] == nil {
			c.unconstructed = append(c.unconstructed, id)
		}
	}
	sort.SliceStable(c.unconstructed, func(i, j int) bool { return c.unconstructed[i].value < c.unconstructed[j].value })
	return c, nil
}

// readConstructor finds the one &Message{…} literal a constructor returns and
// reads its ID, Text and Context fields.
func readConstructor(p *textPkg, fn *ast.FuncDecl, sig *types.Signature, messageType types.Type) (*constructor, error) {
	var literals []*ast.CompositeLit
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND {
			if lit, ok := u.X.(*ast.CompositeLit); ok && types.Identical(p.info.Types[lit].Type, messageType) {
				literals = append(literals, lit)
			}
		}
		return true
	})
	name := fn.Name.Name
	if len(literals) != 1 {
		return nil, fmt.Errorf("%s builds %d Message literals", name, len(literals))
	}
	k := &constructor{name: name, sig: sig}
	hasID := false
	for _, el := range literals[0].Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil, fmt.Errorf("%s: unkeyed Message field", name)
		}
		switch kv.Key.(*ast.Ident).Name {
		case "ID":
			v := p.info.Types[kv.Value].Value
			if v == nil {
				return nil, fmt.Errorf("%s: Message.ID is not a constant", name)
			}
			k.id, _ = constant.Int64Val(v)
			hasID = true
		case "Text":
			k.text = kv.Value
		case "Context":
			// context(map[string]any{"key": value, …}): the JSON object Kratos sends as `context`.
			call, ok := kv.Value.(*ast.CallExpr)
			var m *ast.CompositeLit
			if ok && len(call.Args) == 1 && isIdent(call.Fun, "context") {
				m, _ = call.Args[0].(*ast.CompositeLit)
			}
			if m == nil {
				return nil, fmt.Errorf("%s: Context is not context(map[string]any{...})", name)
			}
			k.context = map[string]ast.Expr{}
			for _, el := range m.Elts {
				entry, ok := el.(*ast.KeyValueExpr)
				var key constant.Value
				if ok {
					key = p.info.Types[entry.Key].Value
				}
				if key == nil || key.Kind() != constant.String {
					return nil, fmt.Errorf("%s: bad context entry", name)
				}
				k.context[constant.StringVal(key)] = entry.Value
				k.keys = append(k.keys, constant.StringVal(key))
			}
		}
	}
	if !hasID {
		return nil, fmt.Errorf("%s: Message has no ID", name)
	}
	if k.text == nil {
		return nil, fmt.Errorf("%s: Message has no Text", name)
	}
	return k, nil
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// skipError says why a constructor's text has no template.
type skipError string

func (s skipError) Error() string { return string(s) }

func skipf(format string, args ...any) error { return skipError(fmt.Sprintf(format, args...)) }

// templateBuilder turns one constructor's Text into a template.
type templateBuilder struct {
	p    *textPkg
	k    *constructor
	out  string
	keys []string
}

func (t *templateBuilder) template() error {
	text := t.k.text
	if s, ok := t.stringConstant(text); ok {
		return t.literal(s)
	}
	if call, ok := text.(*ast.CallExpr); ok && t.calls(call, "fmt", "Sprintf") {
		format, ok := t.stringConstant(call.Args[0])
		if !ok {
			return skipf("its format is not a constant")
		}
		return t.sprintf(format, call.Args[1:])
	}
	if t.param(text) != nil {
		// The text is a parameter as is (a schema title, a TOTP secret, a reason).
		return t.placeholder("s", text)
	}
	return skipf("its text is built by code: `%s`", types.ExprString(text))
}

// stringConstant is the value of a constant string expression.
func (t *templateBuilder) stringConstant(e ast.Expr) (string, bool) {
	v := t.p.info.Types[e].Value
	if v == nil || v.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(v), true
}

// calls is true when call calls the function pkg.name (fmt.Sprintf, strings.Join).
func (t *templateBuilder) calls(call *ast.CallExpr, pkg, name string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := t.p.info.Uses[sel.Sel].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == pkg && fn.Name() == name
}

// param is the constructor parameter e names, or nil.
func (t *templateBuilder) param(e ast.Expr) *types.Var {
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := t.p.info.Uses[id].(*types.Var)
	for i := range t.k.sig.Params().Len() {
		if v != nil && t.k.sig.Params().At(i) == v {
			return v
		}
	}
	return nil
}

// literal appends template text: braces would read as placeholders, and no Kratos text has any.
func (t *templateBuilder) literal(s string) error {
	if strings.ContainsAny(s, "{}") {
		return skipf("its text contains a brace: %s", jsonString(s))
	}
	t.out += s
	return nil
}

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// contextKey is the context key holding exactly the parameter e names. When a
// parameter is kept under several keys (Kratos keeps some camelCase keys for
// compatibility), the snake_case one wins.
func (t *templateBuilder) contextKey(e ast.Expr) (key, typeName string, err error) {
	v := t.param(e)
	if v == nil {
		return "", "", skipf("it prints `%s`, which is not a parameter", types.ExprString(e))
	}
	var keys, snake []string
	for _, k := range t.k.keys {
		if t.param(t.k.context[k]) == v {
			keys = append(keys, k)
			if snakeCase.MatchString(k) {
				snake = append(snake, k)
			}
		}
	}
	if len(snake) == 1 {
		keys = snake
	}
	switch {
	case len(keys) == 0:
		return "", "", skipf("parameter %s is not in its context", v.Name())
	case len(keys) > 1:
		return "", "", skipf("parameter %s is in its context under %s", v.Name(), strings.Join(keys, ", "))
	}
	// The type as the source spells it (`any`, `[]string`, `time.Time`).
	typeName = types.TypeString(v.Type(), func(p *types.Package) string { return p.Name() })
	return keys[0], typeName, nil
}

var integerTypes = []string{"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64"}

// placeholder appends the placeholder for one verb printing one argument, so
// that uiText prints the JSON context value as fmt prints the Go value (see lib/i18n/ui-text.ts).
func (t *templateBuilder) placeholder(verb string, arg ast.Expr) error {
	use := func(key, format string) error {
		if !slices.Contains(t.keys, key) {
			t.keys = append(t.keys, key)
		}
		t.out += "{" + key + format + "}"
		return nil
	}
	if call, ok := arg.(*ast.CallExpr); ok && t.calls(call, "strings", "Join") {
		// strings.Join(list, " or "), printed with %s: a list format.
		separator, isConst := "", false
		if len(call.Args) == 2 {
			separator, isConst = t.stringConstant(call.Args[1])
		}
		var list ast.Expr = &ast.BadExpr{}
		if len(call.Args) > 0 {
			list = call.Args[0]
		}
		key, typeName, err := t.contextKey(list)
		if err != nil {
			return err
		}
		if verb != "s" || typeName != "[]string" || !isConst || separator != " or " {
			shown := "undefined"
			if isConst {
				shown = jsonString(separator)
			}
			return skipf("it joins %s with %s, which has no list format", key, shown)
		}
		return use(key, ", list_or")
	}
	key, typeName, err := t.contextKey(arg)
	if err != nil {
		return err
	}
	switch {
	case verb == "q" && typeName == "string":
		return use(key, ", quoted")
	case verb == "v" && (typeName == "float64" || typeName == "float32"):
		return use(key, ", number")
	case (verb == "s" || verb == "v") && typeName == "string",
		(verb == "d" || verb == "v") && slices.Contains(integerTypes, typeName),
		// `any`: Kratos v1.3.1 passes a string here (ui/container.go, const); uiText
		// prints strings and integers as %v does and falls back for anything else.
		verb == "v" && (typeName == "any" || typeName == "interface{}"):
		return use(key, "")
	}
	return skipf("it prints %s (%s) with %%%s", key, typeName, verb)
}

// Groups: 1 `%%`, 2 `[n]`, 3 flags, 4 width, 5 precision, 6 the verb letter.
var verbPattern = regexp.MustCompile(`%(?:(%)|(\[\d+\])?([-+# 0]*)(\*|\d*)(\.(?:\*|\d*))?([a-zA-Z]))`)

// sprintf turns a fmt.Sprintf format and its arguments into a template.
func (t *templateBuilder) sprintf(format string, args []ast.Expr) error {
	text := func(segment string) error {
		if strings.Contains(segment, "%") {
			return skipf("its format %s has a stray %%", jsonString(format))
		}
		return t.literal(segment)
	}
	used := map[int]bool{}
	next, last := 0, 0
	for _, m := range verbPattern.FindAllStringSubmatchIndex(format, -1) {
		if err := text(format[last:m[0]]); err != nil {
			return err
		}
		last = m[1]
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return format[m[2*i]:m[2*i+1]]
		}
		if group(1) != "" {
			t.out += "%"
			continue
		}
		if index := group(2); index != "" {
			fmt.Sscanf(index, "[%d]", &next)
			next--
		}
		if next < 0 || next >= len(args) {
			return skipf("its format %s is missing an argument", jsonString(format))
		}
		arg := args[next]
		used[next] = true
		next++
		if group(3) != "" || group(4) != "" || group(5) != "" {
			return skipf("it prints `%s` with %s", types.ExprString(arg), format[m[0]:m[1]])
		}
		if err := t.placeholder(group(6), arg); err != nil {
			return err
		}
	}
	if err := text(format[last:]); err != nil {
		return err
	}
	if len(used) != len(args) {
		return skipf("its format leaves arguments unused")
	}
	return nil
}

// ---------------------------------------------------------------------------
// Output. The files are written exactly as Prettier (printWidth 120, see
// .prettierrc) would format them, so `npm run format:check` passes and the
// freshness check needs no Node.

const printWidth = 120

func renderCatalog(c *catalog, version string) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	comment := func(s string) { line(strings.TrimRight("// "+s, " ")) }
	// wrap writes units (words, or whole list items) as comment lines of at most 110 characters.
	wrap := func(units []string, indent string) {
		l := ""
		for _, u := range units {
			if strings.TrimSpace(l) != "" && width(l)+width(u)+1 > 110 {
				comment(l)
				l = indent
			}
			if strings.TrimSpace(l) != "" {
				l += " " + u
			} else {
				l += u
			}
		}
		comment(l)
	}
	words := regexp.MustCompile("(?:`[^`]*`|[^\\s`])+")
	comment("generated by kratos/build/cmd/message-catalog from Kratos " + version + "; do not edit")
	comment("")
	comment("English templates keyed by Kratos message id; lib/i18n/ui-text.ts fills in the placeholders from the")
	comment("message's `context` and documents the formats.")
	comment("")
	comment(fmt.Sprintf("Left out, so uiText shows Kratos's own text (%d):", len(c.skipped)))
	for _, id := range c.skippedIDs() {
		wrap(append([]string{"-", fmt.Sprint(id)}, words.FindAllString(c.skipped[id], -1)...), "   ")
	}
	comment("")
	comment(fmt.Sprintf("Defined in text/id.go but built by no constructor in text/ (%d):", len(c.unconstructed)))
	var units []string
	for i, id := range c.unconstructed {
		u := fmt.Sprintf("%d %s", id.value, id.name)
		if i < len(c.unconstructed)-1 {
			u += ","
		}
		units = append(units, u)
	}
	wrap(units, "")
	line("")
	line("/** English message templates keyed by Kratos message id. */")
	line("export const en: Readonly<Record<number, string>> = {")
	for _, id := range sortedKeys(c.templates) {
		property(&b, fmt.Sprint(id), jsString(c.templates[id]))
	}
	line("};")
	line("")
	line("/** Message ids Kratos builds whose text the catalog leaves to Kratos (see above). */")
	numberArray(&b, "export const skippedMessageIds: readonly number[] = ", c.skippedIDs(), ";")
	return b.String()
}

// renderPlaceholders writes the shape every translation must keep: the ids the
// English catalog has templates for and the placeholder names each one uses.
// lib/i18n/messages/translation.ts turns it into the Translation type.
func renderPlaceholders(c *catalog, version string) string {
	var b strings.Builder
	b.WriteString("// generated by kratos/build/cmd/message-catalog from Kratos " + version + "; do not edit\n")
	b.WriteString("//\n// The placeholder names each English template in lib/i18n/messages/en.ts uses, keyed by Kratos message id.\n")
	b.WriteString("// Translations are checked against it (lib/i18n/messages/translation.ts).\n\n")
	b.WriteString("/** Placeholder names of each English template, in order of first use. */\n")
	b.WriteString("export const englishPlaceholders = {\n")
	for _, id := range sortedKeys(c.templates) {
		quoted := make([]string, len(c.placeholders[id]))
		for i, k := range c.placeholders[id] {
			quoted[i] = jsString(k)
		}
		property(&b, fmt.Sprint(id), "["+strings.Join(quoted, ", ")+"]")
	}
	b.WriteString("} as const satisfies Readonly<Record<number, readonly string[]>>;\n\n")
	b.WriteString("/** A Kratos message id the English catalog has a template for. */\n")
	b.WriteString("export type MessageId = keyof typeof englishPlaceholders;\n")
	return b.String()
}

// property writes `  key: value,`, or, when that is wider than the print
// width, the value on its own line as Prettier breaks it.
func property(b *strings.Builder, key, value string) {
	if l := "  " + key + ": " + value + ","; width(l) <= printWidth {
		b.WriteString(l + "\n")
	} else {
		b.WriteString("  " + key + ":\n    " + value + ",\n")
	}
}

// numberArray writes prefix[n, …]suffix on one line when it fits, else as
// Prettier fills a list of numbers: as many per line as fit, trailing comma.
func numberArray(b *strings.Builder, prefix string, numbers []int64, suffix string) {
	if l := prefix + "[" + joinInts(numbers, ", ") + "]" + suffix; width(l) <= printWidth {
		b.WriteString(l + "\n")
		return
	}
	b.WriteString(prefix + "[\n")
	l := " "
	for _, n := range numbers {
		item := fmt.Sprintf("%d,", n)
		if l != " " && width(l)+1+len(item) > printWidth {
			b.WriteString(l + "\n")
			l = " "
		}
		l += " " + item
	}
	b.WriteString(l + "\n]" + suffix + "\n")
}

// width counts UTF-16 code units, as the JavaScript tools that read these lines do.
func width(s string) int { return len(utf16.Encode([]rune(s))) }

var jsonEscapes = map[rune]string{'"': `\"`, '\\': `\\`, '\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`}

// jsonString is JSON.stringify of a string: only `"`, `\` and control
// characters escaped (Go's encoder would also escape <, >, & and U+2028/9).
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if escape, ok := jsonEscapes[r]; ok {
			b.WriteString(escape)
		} else if r < 0x20 {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// jsString is a TypeScript string literal as Prettier prints it: double
// quotes, unless the text holds more double quotes than single ones.
func jsString(s string) string {
	quoted := jsonString(s)
	if strings.Count(s, `"`) <= strings.Count(s, `'`) {
		return quoted
	}
	body := strings.ReplaceAll(quoted[1:len(quoted)-1], `\"`, `"`)
	return "'" + strings.ReplaceAll(body, `'`, `\'`) + "'"
}

func sortedKeys[V any](m map[int64]V) []int64 {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func joinInts(numbers []int64, separator string) string {
	s := make([]string, len(numbers))
	for i, n := range numbers {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, separator)
}
