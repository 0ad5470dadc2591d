// Package deploy holds the files that run Kennisbank as a service: the systemd unit
// kennisbank.service and its example environment file kennisbank.env. The Dockerfile
// and .dockerignore stand at the root of the repository, the build context. The tests
// of this package check all of them: the unit with systemd-analyze where it is
// installed, the Dockerfile by its structure (no image is built), and every setting
// they make against the configuration's own validation.
package deploy
