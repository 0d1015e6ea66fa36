// Package rules holds pyward's checks, one file each. Every rule registers itself with
// analysis.Register in an init function; importing this package enables them all.
package rules
