<?xml version="1.0" encoding="UTF-8"?>
<!-- An import of a system file: refused. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="file:///etc/passwd"/>
</xsl:stylesheet>
