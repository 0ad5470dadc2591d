package meeting

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// People is what the team knows about people across reports (people.yaml): how to
// write their names, their other spellings, roles and organisations.
type People struct {
	Persons []PersonInfo
}

// PersonInfo is one person in People.
type PersonInfo struct {
	// Name is the canonical name used in every report.
	Name string `yaml:"name"`
	// Aliases are other spellings and short forms ("Smitsman", "Jan").
	Aliases []string `yaml:"aliases"`
	// Role and Organisation replace what a report says, when set.
	Role         string `yaml:"role"`
	Organisation string `yaml:"organisation"`
}

// ParsePeople reads a people file in YAML:
//
//	people:
//	  - name: Jan Waaijer
//	    aliases: [Jan Waayer]
//	    role: voorzitter
//	    organisation: JobHulpMaatje Zoetermeer
//
// A bare first name as an alias ("Jan") maps only people who are named by that first
// name alone in a report.
func ParsePeople(data []byte) (People, error) {
	var f struct {
		People []PersonInfo `yaml:"people"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		return People{}, fmt.Errorf("meeting: people: %w", err)
	}
	seen := map[string]bool{}
	for i, p := range f.People {
		p.Name = strings.TrimSpace(p.Name)
		if p.Name == "" {
			return People{}, fmt.Errorf("meeting: people: entry %d has no name", i+1)
		}
		if seen[fold(p.Name)] {
			return People{}, fmt.Errorf("meeting: people: %q is listed twice", p.Name)
		}
		seen[fold(p.Name)] = true
		f.People[i] = p
	}
	return People{Persons: f.People}, nil
}

// lookup finds the entry for one of the given spellings.
func (pp People) lookup(forms []string) *PersonInfo {
	for i := range pp.Persons {
		e := &pp.Persons[i]
		for _, f := range forms {
			ff := fold(f)
			if fold(e.Name) == ff {
				return e
			}
			for _, a := range e.Aliases {
				if fold(a) == ff {
					return e
				}
			}
		}
	}
	return nil
}

// applyFixes gives people their canonical names, roles and organisations from the
// people file, and merges records that turn out to be the same person.
func (ps *people) applyFixes(pp People) {
	if len(pp.Persons) == 0 {
		return
	}
	byName := map[string]*person{}
	var keep []*person
	for _, p := range ps.list {
		e := pp.lookup(append([]string{p.canonical()}, p.order...))
		if e == nil {
			keep = append(keep, p)
			continue
		}
		p.fixed = e.Name
		for _, a := range e.Aliases {
			if !containsFold(p.aliasExtra, a) && !strings.EqualFold(a, e.Name) {
				p.aliasExtra = append(p.aliasExtra, a)
			}
		}
		if e.Role != "" {
			p.roles = []string{e.Role}
		}
		if e.Organisation != "" {
			p.orgs = []string{e.Organisation}
		}
		if q, ok := byName[fold(e.Name)]; ok {
			for _, f := range p.order {
				for n := 0; n < p.forms[f]; n++ {
					q.addForm(f)
				}
			}
			q.speaker = q.speaker || p.speaker
			q.present = q.present || p.present
			p.forward = q
			continue
		}
		byName[fold(e.Name)] = p
		keep = append(keep, p)
	}
	ps.list = keep
}
