package main

import "testing"

func TestClosest(t *testing.T) {
	words := []string{"serve", "check", "version", "help"}
	for word, want := range map[string]string{
		"chek": "check", "chekc": "check", "chck": "check", "serv": "serve", "verison": "version",
		"hlep": "help", "src": "", "x": "", "checkout": "", "": "",
	} {
		if got := closest(word, words); got != want {
			t.Errorf("closest(%q) = %q, want %q", word, got, want)
		}
	}
}
