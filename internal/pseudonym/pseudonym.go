// Package pseudonym turns a reporter's phone number or account into a
// stable pseudonym: a keyed hash (HMAC-SHA-256) under the node's secret key.
// The same person keeps the same pseudonym on one node, so reviewers can
// weigh a reporter's record, but the pseudonym cannot be reversed, nor
// confirmed by hashing a guessed number, without the key.
package pseudonym

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode"
)

// KeySize is the length of a node key in bytes.
const KeySize = 32

// Keyer makes pseudonyms under one key.
type Keyer struct{ key []byte }

// New returns a Keyer; the key must be KeySize bytes or longer.
func New(key []byte) (*Keyer, error) {
	if len(key) < KeySize {
		return nil, fmt.Errorf("pseudonym key is %d bytes, need at least %d", len(key), KeySize)
	}
	return &Keyer{key: append([]byte(nil), key...)}, nil
}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// ID returns the pseudonym of a contact on a channel, "r_" and 26
// characters. Contacts are normalised first, so "+95 9 123-456" and
// "+959123456" are one person.
func (k *Keyer) ID(channel, contact string) string {
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte(channel))
	m.Write([]byte{0})
	m.Write([]byte(NormaliseContact(contact)))
	return "r_" + strings.ToLower(b32.EncodeToString(m.Sum(nil)[:16]))
}

// NormaliseContact folds the forms one contact is written in: phone numbers
// lose spaces, dashes, dots and brackets; account names are lower-cased.
func NormaliseContact(c string) string {
	c = strings.TrimSpace(c)
	digits := 0
	for _, r := range c {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits >= 6 && strings.IndexFunc(c, func(r rune) bool { return unicode.IsLetter(r) }) < 0 {
		var b strings.Builder
		for i, r := range c {
			if unicode.IsDigit(r) || (r == '+' && i == 0) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	return strings.ToLower(c)
}

// LoadOrCreateKey reads the key file at path, creating it with a fresh
// random key (mode 0600) when it does not exist.
func LoadOrCreateKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		if len(b) < KeySize {
			return nil, fmt.Errorf("key file %s holds %d bytes, need %d", path, len(b), KeySize)
		}
		return b, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read key file: %w", err)
	}
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("make key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			// Another instance created it first: use theirs.
			return LoadOrCreateKey(path)
		}
		return nil, fmt.Errorf("create key file: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		return nil, fmt.Errorf("write key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("sync key file: %w", err)
	}
	return key, f.Close()
}
