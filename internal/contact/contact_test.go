package contact

import (
	"bytes"
	"errors"
	"testing"
)

func TestSealOpen(t *testing.T) {
	s, err := NewSealer(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	const phone = "+959123456789"
	sealed, err := s.Seal("r_abc", phone)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte(phone)) || bytes.Contains(sealed, []byte("123456789")) {
		t.Fatal("the sealed contact contains the number in clear")
	}
	again, _ := s.Seal("r_abc", phone)
	if bytes.Equal(sealed, again) {
		t.Error("two seals of one contact are identical: the nonce is not random")
	}
	got, err := s.Open("r_abc", sealed)
	if err != nil || got != phone {
		t.Fatalf("Open = %q, %v", got, err)
	}
	// Bound to its reporter.
	if _, err := s.Open("r_other", sealed); !errors.Is(err, ErrOpen) {
		t.Errorf("opened under another reporter id: %v", err)
	}
	// Another node's key.
	other, _ := NewSealer(bytes.Repeat([]byte{8}, 32))
	if _, err := other.Open("r_abc", sealed); !errors.Is(err, ErrOpen) {
		t.Errorf("opened under another node key: %v", err)
	}
	// Tampering and truncation.
	bad := append([]byte(nil), sealed...)
	bad[len(bad)-1] ^= 1
	for _, b := range [][]byte{bad, sealed[:5], nil, append([]byte{9}, sealed[1:]...)} {
		if _, err := s.Open("r_abc", b); !errors.Is(err, ErrOpen) {
			t.Errorf("Open(%x) = %v, want ErrOpen", b, err)
		}
	}
}

func TestKeyDerivationIsSeparated(t *testing.T) {
	if _, err := NewSealer([]byte("short")); err == nil {
		t.Error("a 5-byte node key was accepted")
	}
	// The sealer must not use the node key itself: a value sealed with the
	// raw key as AES key does not open.
	key := bytes.Repeat([]byte{3}, 32)
	s, _ := NewSealer(key)
	raw := &Sealer{}
	rawSealer, _ := newRaw(key)
	raw.aead = rawSealer
	sealed, _ := raw.Seal("r", "x")
	if _, err := s.Open("r", sealed); err == nil {
		t.Error("the contact key equals the node key; it must be derived")
	}
}

func FuzzOpen(f *testing.F) {
	s, _ := NewSealer(bytes.Repeat([]byte{1}, 32))
	good, _ := s.Seal("r", "+95 9 1")
	f.Add("r", good)
	f.Add("r", []byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, id string, b []byte) {
		if got, err := s.Open(id, b); err == nil && (id != "r" || got != "+95 9 1") {
			t.Fatalf("forged value opened: %q", got)
		}
	})
}
