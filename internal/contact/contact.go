// Package contact keeps the raw contact details that replies need — a
// phone number, a Telegram chat id — encrypted at rest. Reports carry only
// the reporter's pseudonym; the contact itself is sealed with AES-256-GCM
// under a key derived from the node key with HKDF-SHA256 and a purpose
// label, and bound to the pseudonym it belongs to, so a sealed contact
// copied onto another reporter's row does not open.
package contact

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// Purpose is the HKDF info label of the contact key: a different label
// gives an unrelated key, so the node key can serve other purposes too.
const Purpose = "sitroom contact encryption v1"

// version prefixes every sealed value, so the format can change.
const version = 1

// Sealer seals and opens contacts under one key.
type Sealer struct{ aead cipher.AEAD }

// NewSealer derives the contact key from the node key.
func NewSealer(nodeKey []byte) (*Sealer, error) {
	if len(nodeKey) < 32 {
		return nil, fmt.Errorf("contact: node key is %d bytes, need at least 32", len(nodeKey))
	}
	key, err := hkdf.Key(sha256.New, nodeKey, nil, Purpose, 32)
	if err != nil {
		return nil, fmt.Errorf("contact: derive key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("contact: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("contact: %w", err)
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts a contact for the reporter it belongs to: a version byte,
// a random nonce, then the ciphertext and tag.
func (s *Sealer) Seal(reporterID, contact string) ([]byte, error) {
	out := make([]byte, 1+s.aead.NonceSize(), 1+s.aead.NonceSize()+len(contact)+s.aead.Overhead())
	out[0] = version
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, fmt.Errorf("contact: nonce: %w", err)
	}
	return s.aead.Seal(out, out[1:], []byte(contact), []byte(reporterID)), nil
}

// ErrOpen is returned for a sealed contact that does not open: another
// node's key, another reporter's row, or corrupted bytes.
var ErrOpen = errors.New("contact: sealed contact does not open under this key for this reporter")

// Open decrypts a sealed contact of a reporter.
func (s *Sealer) Open(reporterID string, sealed []byte) (string, error) {
	n := s.aead.NonceSize()
	if len(sealed) < 1+n+s.aead.Overhead() || sealed[0] != version {
		return "", ErrOpen
	}
	plain, err := s.aead.Open(nil, sealed[1:1+n], sealed[1+n:], []byte(reporterID))
	if err != nil {
		return "", ErrOpen
	}
	return string(plain), nil
}
