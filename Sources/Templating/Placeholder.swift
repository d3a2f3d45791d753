public enum TemplatingPlaceholder {}
