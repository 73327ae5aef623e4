// Package sms holds what sitroom knows about SMS as a medium, whatever the
// gateway: how many segments a text takes (GSM 03.38 7-bit or UCS-2), the
// compact report syntax trained monitors send ("CLASH LAUKKAI K3 MNDAA"),
// in English and Burmese, and the short replies that go back.
package sms
