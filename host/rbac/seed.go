package rbac

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
)

// seedPlan is the default data with the passwords already hashed, so that
// the slow hashing happens outside the database transaction.
type seedPlan struct {
	hashes []string
}

// prepareSeed hashes the default users' passwords (Options.InitialPasswords
// replacing Wazuh's well-known ones), in parallel: they dominate a first start.
func (s *Store) prepareSeed() (*seedPlan, error) {
	p := &seedPlan{hashes: make([]string, len(defaultUsers))}
	errs := make([]error, len(defaultUsers))
	var wg sync.WaitGroup
	for i, u := range defaultUsers {
		password := u.password
		if pw, ok := s.opts.InitialPasswords[u.name]; ok {
			password = pw
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if p.hashes[i], errs[i] = s.hashNew(password); errs[i] != nil {
				errs[i] = fmt.Errorf("rbac: hash default password of %s: %w", u.name, errs[i])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return p, nil
}

// apply inserts the defaults with Wazuh's ids, positions and links.
func (p *seedPlan) apply(tx *gorm.DB, now time.Time) error {
	at := dbTime{now}
	ids := map[string]int{}
	for i, u := range defaultUsers {
		row := userRow{ID: i + 1, Username: u.name, Password: p.hashes[i], AllowRunAs: u.allowRunAs, CreatedAt: at}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("rbac: seed user %s: %w", u.name, err)
		}
		ids["user:"+u.name] = row.ID
	}
	for i, name := range defaultRoles {
		if err := tx.Create(&roleRow{ID: i + 1, Name: name, CreatedAt: at}).Error; err != nil {
			return fmt.Errorf("rbac: seed role %s: %w", name, err)
		}
		ids["role:"+name] = i + 1
	}
	for i, r := range defaultRules {
		if err := tx.Create(&ruleRow{ID: i + 1, Name: r.name, Rule: r.rule, CreatedAt: at}).Error; err != nil {
			return fmt.Errorf("rbac: seed rule %s: %w", r.name, err)
		}
		ids["rule:"+r.name] = i + 1
	}
	groupIDs := map[string][]int{}
	next := 1
	for _, g := range defaultPolicyGroups {
		for _, sp := range g.subs {
			row := policyRow{ID: next, Name: g.name + "_" + sp.name, Policy: policyJSON(sp.actions, sp.resources, EffectAllow), CreatedAt: at}
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("rbac: seed policy %s: %w", row.Name, err)
			}
			groupIDs[g.name] = append(groupIDs[g.name], next)
			next++
		}
	}
	return seedLinks(tx, at, ids, groupIDs)
}

func seedLinks(tx *gorm.DB, at dbTime, ids map[string]int, groupIDs map[string][]int) error {
	for _, ur := range defaultUserRoles {
		for level, role := range ur.roles {
			row := userRoleRow{UserID: ids["user:"+ur.user], RoleID: ids["role:"+role], Level: level, CreatedAt: at}
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("rbac: seed user-role link: %w", err)
			}
		}
	}
	for _, rl := range defaultRoleLinks {
		level := 0
		for _, group := range rl.policies {
			for _, pid := range groupIDs[group] {
				row := rolePolicyRow{RoleID: ids["role:"+rl.role], PolicyID: pid, Level: level, CreatedAt: at}
				if err := tx.Create(&row).Error; err != nil {
					return fmt.Errorf("rbac: seed role-policy link: %w", err)
				}
				level++
			}
		}
	}
	for _, rl := range defaultRoleLinks {
		for _, rule := range rl.rules {
			row := roleRuleRow{RoleID: ids["role:"+rl.role], RuleID: ids["rule:"+rule], CreatedAt: at}
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("rbac: seed role-rule link: %w", err)
			}
		}
	}
	return nil
}
