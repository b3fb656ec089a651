package render

import (
	"reflect"
	"testing"

	"reportsite/generator/view"
)

// allowedPackages are the packages whose types a template may reach: the
// views, and html/template's types of safe text (template.HTML, .JS).
var allowedPackages = map[string]bool{
	"reportsite/generator/view": true,
	"html/template":             true,
}

// reachable calls visit with t and every type a template can reach from a
// value of type t: fields, pointed-to types, elements, keys, and the
// parameters and results of functions.
func reachable(t reflect.Type, seen map[reflect.Type]bool, visit func(reflect.Type, string), path string) {
	if seen[t] {
		return
	}
	seen[t] = true
	visit(t, path)
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		reachable(t.Elem(), seen, visit, path+"[]")
	case reflect.Map:
		reachable(t.Key(), seen, visit, path+"[key]")
		reachable(t.Elem(), seen, visit, path+"[]")
	case reflect.Struct:
		for f := range t.Fields() {
			if f.IsExported() {
				reachable(f.Type, seen, visit, path+"."+f.Name)
			}
		}
	case reflect.Func:
		for in := range t.Ins() {
			reachable(in, seen, visit, path+"(in)")
		}
		for out := range t.Outs() {
			reachable(out, seen, visit, path+"(out)")
		}
	}
}

// TestPageTemplatesReachOnlyViews fails when a value of the content model
// or of the figures, or of any package but view, can be reached from what
// a page template receives or from a helper it calls: templates read the
// views only, so that a site's own templates do not break when the model
// changes.
func TestPageTemplatesReachOnlyViews(t *testing.T) {
	check := func(typ reflect.Type, path string) {
		if typ.PkgPath() != "" && !allowedPackages[typ.PkgPath()] {
			t.Errorf("%s is a %s, of package %s: templates must reach only views", path, typ, typ.PkgPath())
		}
	}
	reachable(reflect.TypeFor[view.Page](), map[reflect.Type]bool{}, check, "view.Page")

	r, err := New("", "en")
	if err != nil {
		t.Fatal(err)
	}
	for name, fn := range r.funcs() {
		typ := reflect.TypeOf(fn)
		if typ.Kind() != reflect.Func {
			t.Errorf("the helper %s is a %s, not a function", name, typ)
			continue
		}
		reachable(typ, map[reflect.Type]bool{}, check, "the helper "+name)
	}
}
