package rbac

import (
	"fmt"

	"gorm.io/gorm"
)

// placeLink returns the level (position) for a new user-role or role-policy
// link of owner and makes room for it. Without a position the link is
// appended after the highest level. With one, links at that level and above
// move up by one and the new link takes the position, which is clamped to
// the highest level plus one; *position is then advanced, so that the next
// link of the same operation goes in after this one.
func placeLink(tx *gorm.DB, model any, ownerCol string, owner int, position *int) (int, error) {
	var maxLevel *int
	if err := tx.Model(model).Select("MAX(level)").Where(ownerCol+" = ?", owner).Scan(&maxLevel).Error; err != nil {
		return 0, fmt.Errorf("rbac: read levels: %w", err)
	}
	next := 0
	if maxLevel != nil {
		next = *maxLevel + 1
	}
	if position == nil {
		return next, nil
	}
	level := *position
	if level >= next {
		level = next
	} else {
		err := tx.Model(model).Where(ownerCol+" = ? AND level >= ?", owner, level).
			Update("level", gorm.Expr("level + 1")).Error
		if err != nil {
			return 0, fmt.Errorf("rbac: shift levels: %w", err)
		}
	}
	*position++
	return level, nil
}

// closeGap moves down by one the links of owner above a removed level.
func closeGap(tx *gorm.DB, model any, ownerCol string, owner, removed int) error {
	err := tx.Model(model).Where(ownerCol+" = ? AND level > ?", owner, removed).
		Update("level", gorm.Expr("level - 1")).Error
	if err != nil {
		return fmt.Errorf("rbac: shift levels: %w", err)
	}
	return nil
}

// checkPosition rejects a negative position with error 4018.
func checkPosition(position *int) error {
	if position != nil && *position < 0 {
		return wazuhError(CodeNegativeLevel)
	}
	return nil
}
