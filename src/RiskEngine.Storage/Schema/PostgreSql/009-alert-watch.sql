-- Alerts were once watched by a reminder each ('watch'); each district's alert watch (one reminder per district) does
-- it now. Left in place, those rows would tick into alert grains that no longer take reminders.
DELETE FROM orleans_reminder WHERE reminder_name = 'watch' AND grain_id LIKE 'alert/%';
