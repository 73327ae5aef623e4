package pseudonym

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestID(t *testing.T) {
	k1, _ := New(bytes.Repeat([]byte{1}, KeySize))
	k2, _ := New(bytes.Repeat([]byte{2}, KeySize))
	a := k1.ID("sms", "+95 9 123-456-789")
	if a != k1.ID("sms", "+959123456789") || a != k1.ID("sms", " +95(9)123.456.789 ") {
		t.Errorf("one phone written three ways gave different pseudonyms")
	}
	if a == k1.ID("telegram", "+959123456789") {
		t.Errorf("channels share pseudonyms")
	}
	if a == k2.ID("sms", "+959123456789") {
		t.Errorf("two keys gave the same pseudonym")
	}
	if !strings.HasPrefix(a, "r_") || len(a) != 28 || strings.Contains(a, "959123456789") {
		t.Errorf("pseudonym %q has the wrong form or leaks the number", a)
	}
	if k1.ID("telegram", "@Monitor_Lashio") != k1.ID("telegram", "@monitor_lashio") {
		t.Errorf("account names are not case-folded")
	}
}

func TestShortKey(t *testing.T) {
	if _, err := New([]byte("short")); err == nil {
		t.Error("a 5-byte key was accepted")
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "node.key")
	k, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadOrCreateKey(path)
	if err != nil || !bytes.Equal(k, again) {
		t.Fatalf("second load = %x, %v; want the same key", again, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	if err := os.WriteFile(path, []byte("tiny"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(path); err == nil {
		t.Error("a truncated key file was accepted")
	}
}
